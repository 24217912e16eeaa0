// The hall from outside: Vuoro next to a bare same-stack server (test/bench/servers/bare.mjs), each in its own
// process, driven over HTTP and socket.io from this one. Prints figures and ratios (targets from issue 11); asserts
// nothing. `npm run bench hall`.
import { fork } from 'node:child_process';
import { io } from 'socket.io-client';

const SERVERS = new URL('./servers/', import.meta.url);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

async function launch(file) {
  const child = fork(new URL(file, SERVERS), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}: ${out}`)));
  });
  const ask = (what) => new Promise((resolve) => {
    child.once('message', resolve);
    child.send(what);
  });
  return { url: `http://127.0.0.1:${port}`, ask, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

/** The same actions on both servers; only the paths and sign-in differ. */
function vuoroClient(url) {
  let token = '';
  const post = async (p, body, auth = true) => {
    const r = await fetch(url + '/api/v1' + p, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth && token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${p}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    name: 'Vuoro',
    async setup() {
      token = (await post('/session', { username: 'admin', password: 'bench-password-1' }, false)).token;
      await post('/counters/1/open');
    },
    issue: (i) => post('/tickets', { serviceId: i % 2 === 0 ? 'identity' : 'residence' }, false),
    next: () => post('/counters/1/next'),
    start: () => post('/counters/1/start'),
    finish: () => post('/counters/1/finish', { outcome: 'resolved' }),
    joinDisplay: (s) => new Promise((resolve, reject) => s.emit('hall:join', { role: 'display' }, (r) => (r.ok ? resolve() : reject(new Error(r.error.message))))),
    joinVisitor: (s, token) => new Promise((resolve, reject) => s.emit('hall:join', { role: 'visitor', statusToken: token }, (r) => (r.ok ? resolve() : reject(new Error(r.error.message))))),
  };
}

function bareClient(url) {
  const post = async (p, body) => {
    const r = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    return r.json();
  };
  return {
    name: 'bare',
    setup: async () => {},
    issue: (i) => post('/tickets', { serviceId: i % 2 === 0 ? 'identity' : 'residence' }),
    next: () => post('/counters/1/next'),
    start: () => post('/counters/1/start'),
    finish: () => post('/counters/1/finish'),
    joinDisplay: (s) => new Promise((resolve) => s.emit('join', 'display', resolve)),
  };
}

/** Tickets per second with `clients` concurrent clients issuing one after another. */
async function issueRate(c, clients = 16, perClient = 150) {
  for (let i = 0; i < 50; i++) await c.issue(i); // warm up
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async (_, k) => {
    for (let i = 0; i < perClient; i++) await c.issue(k * perClient + i);
  }));
  return (clients * perClient) / (ms(t0) / 1000);
}

/** Mean ms of call-next + start + finish with the queue kept at about `waiting` (filled before, untimed). */
async function callCycle(c, waiting, rounds = 100) {
  await Promise.all(Array.from({ length: 16 }, async (_, k) => {
    for (let i = k; i < waiting; i += 16) await c.issue(i);
  }));
  for (let i = 0; i < 10; i++) {
    await c.next();
    await c.start();
    await c.finish();
    await c.issue(i);
  }
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    await c.next();
    await c.start();
    await c.finish();
    samples.push(ms(t0));
    await c.issue(i); // keep the queue length
  }
  return mean(samples);
}

async function connectAll(url, n, join) {
  return Promise.all(Array.from({ length: n }, (_, i) => new Promise((resolve, reject) => {
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    s.once('connect_error', reject);
    s.once('connect', () => join(s, i).then(() => resolve(s), reject));
  })));
}

/** p99 (and p50) ms from sending call-next until all `displays` sockets have ticket:called. */
async function fanout(c, url, displays = 200, calls = 100) {
  const sockets = await connectAll(url, displays, (s) => c.joinDisplay(s));
  const samples = [];
  for (let i = 0; i < calls; i++) {
    await c.issue(i);
    const all = Promise.all(sockets.map((s) => new Promise((r) => s.once('ticket:called', r))));
    const t0 = process.hrtime.bigint();
    await c.next();
    await all;
    samples.push(ms(t0));
    await c.start();
    await c.finish();
  }
  for (const s of sockets) s.close();
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 50), p99: pct(samples, 99) };
}

/** A rush of `issues` tickets with `pages` status pages open: what it cost in estimate computations and emits. */
async function burst(server, c, pages = 300, issues = 500) {
  const tickets = [];
  for (let i = 0; i < pages; i++) tickets.push((await c.issue(i)).ticket);
  let visitorEmits = 0;
  const sockets = await connectAll(server.url, pages, (s, i) => c.joinVisitor(s, tickets[i].statusToken));
  const [display] = await connectAll(server.url, 1, (s) => c.joinDisplay(s));
  await new Promise((r) => setTimeout(r, 500));
  for (const s of sockets) s.on('visitor:status', () => (visitorEmits += 1));
  let queueChanged = 0;
  display.on('queue:changed', () => (queueChanged += 1));
  const before = (await server.ask('figures')).estimateComputations;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 16 }, async (_, k) => {
    for (let i = k; i < issues; i += 16) await c.issue(i);
  }));
  const took = ms(t0);
  await new Promise((r) => setTimeout(r, 1000));
  const after = (await server.ask('figures')).estimateComputations;
  for (const s of [...sockets, display]) s.close();
  return { took, estimateComputations: after - before, queueChanged, visitorEmits, pages, issues };
}

const row = (what, ours, bare, ratio, target) =>
  console.log(`  ${what.padEnd(62)} ${String(ours).padStart(10)} ${String(bare).padStart(10)} ${ratio.padStart(8)}   ${target}`);

export async function runHallBench() {
  console.log('\nThe hall from outside: Vuoro vs a bare express + better-sqlite3 + socket.io server, each in its own process');
  const figures = {};
  for (const [key, file, make] of [['vuoro', 'vuoro.mjs', vuoroClient], ['bare', 'bare.mjs', bareClient]]) {
    const f = {};
    let server = await launch(file);
    let c = make(server.url);
    await c.setup();
    f.issueRate = await issueRate(c);
    await server.stop();
    server = await launch(file);
    c = make(server.url);
    await c.setup();
    f.cycle20 = await callCycle(c, 20);
    await server.stop();
    server = await launch(file);
    c = make(server.url);
    await c.setup();
    f.cycle5000 = await callCycle(c, 5000);
    await server.stop();
    server = await launch(file);
    c = make(server.url);
    await c.setup();
    f.fanout = await fanout(c, server.url);
    if (key === 'vuoro') f.burst = await burst(server, c);
    await server.stop();
    figures[key] = f;
  }
  const v = figures.vuoro;
  const b = figures.bare;
  console.log(`  ${'figure'.padEnd(62)} ${'Vuoro'.padStart(10)} ${'bare'.padStart(10)} ${'ratio'.padStart(8)}   target`);
  row('tickets issued per second over HTTP, 16 concurrent clients', Math.round(v.issueRate), Math.round(b.issueRate), `${(v.issueRate / b.issueRate).toFixed(2)}×`, '≥ 0.5×');
  row('call-next + start + finish over HTTP, 20 waiting (ms)', v.cycle20.toFixed(2), b.cycle20.toFixed(2), `${(v.cycle20 / b.cycle20).toFixed(2)}×`, '≤ 2×');
  row('the same with 5,000 waiting (ms), Vuoro relative to 20 waiting', v.cycle5000.toFixed(2), b.cycle5000.toFixed(2), `${(v.cycle5000 / v.cycle20).toFixed(2)}×`, '≤ 1.2×');
  row('call → all 200 display sockets have it, p99 (ms)', v.fanout.p99.toFixed(1), b.fanout.p99.toFixed(1), `${(v.fanout.p99 / b.fanout.p99).toFixed(2)}×`, '≤ 1.5×');
  console.log(`  (call → 200 displays p50: Vuoro ${v.fanout.p50.toFixed(1)} ms, bare ${b.fanout.p50.toFixed(1)} ms; bare with 5,000 waiting relative to 20: ${(b.cycle5000 / b.cycle20).toFixed(2)}×)`);
  const u = v.burst;
  console.log(`\nA rush of ${u.issues} tickets over HTTP (16 clients, ${Math.round(u.took)} ms) with ${u.pages} status pages and a display open`);
  console.log(`  estimate computations ${u.estimateComputations}   queue:changed to the display ${u.queueChanged}   visitor:status emits ${u.visitorEmits} (one per event and page would be ${u.issues * u.pages})`);
}
