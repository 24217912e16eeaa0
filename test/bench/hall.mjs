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
    // Issued with a known issuer's credential (as an enrolled kiosk is): anonymous clients are rate-limited per address.
    issue: (i) => post('/tickets', { serviceId: i % 2 === 0 ? 'identity' : 'residence' }),
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Fills a queue to `waiting` tickets (untimed), 16 clients at once. */
async function fill(c, waiting) {
  await Promise.all(Array.from({ length: 16 }, async (_, k) => {
    for (let i = k; i < waiting; i += 16) await c.issue(i);
  }));
}

/**
 * Tickets per second with `clients` concurrent clients, measured in rounds that alternate between the servers so
 * that the load of a shared machine falls on both alike; the median round of each.
 */
async function issueRates(clientsByName, clients = 16, perClient = 25, rounds = 7) {
  const rates = Object.fromEntries(Object.keys(clientsByName).map((k) => [k, []]));
  for (const c of Object.values(clientsByName)) for (let i = 0; i < 50; i++) await c.issue(i); // warm up
  for (let r = 0; r < rounds; r++) {
    for (const [name, c] of Object.entries(clientsByName)) {
      const t0 = process.hrtime.bigint();
      await Promise.all(Array.from({ length: clients }, async (_, k) => {
        for (let i = 0; i < perClient; i++) await c.issue(k * perClient + i);
      }));
      rates[name].push((clients * perClient) / (ms(t0) / 1000));
    }
  }
  return Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)]));
}

/** Median ms of call-next + start + finish, one cycle per server in turn; each queue is kept at its length. */
async function callCycles(clientsByName, rounds = 120) {
  const samples = Object.fromEntries(Object.keys(clientsByName).map((k) => [k, []]));
  for (let r = 0; r < rounds + 10; r++) {
    for (const [name, c] of Object.entries(clientsByName)) {
      const t0 = process.hrtime.bigint();
      await c.next();
      await c.start();
      await c.finish();
      if (r >= 10) samples[name].push(ms(t0));
      await c.issue(r); // keep the queue length
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

let nextAddress = 0;
/** Each socket comes from its own address of the hall's network (X-Forwarded-For, trusted from loopback), as phones and screens do. */
async function connectAll(url, n, join) {
  return Promise.all(Array.from({ length: n }, (_, i) => new Promise((resolve, reject) => {
    const n2 = nextAddress++;
    const address = `10.${(n2 >> 16) & 255}.${(n2 >> 8) & 255}.${n2 & 255}`;
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
    s.once('connect_error', reject);
    s.once('connect', () => join(s, i).then(() => resolve(s), reject));
  })));
}

/** p99 and p50 ms from sending call-next until all `displays` sockets have ticket:called; servers in turn. */
async function fanouts(servers, displays = 200, calls = 100) {
  const socketsOf = {};
  for (const [name, { c, url }] of Object.entries(servers)) socketsOf[name] = await connectAll(url, displays, (s) => c.joinDisplay(s));
  const samples = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
  for (let i = 0; i < calls; i++) {
    for (const [name, { c }] of Object.entries(servers)) {
      await c.issue(i);
      const sockets = socketsOf[name];
      const all = Promise.all(sockets.map((s) => new Promise((r) => s.once('ticket:called', r))));
      const t0 = process.hrtime.bigint();
      await c.next();
      await all;
      samples[name].push(ms(t0));
      await c.start();
      await c.finish();
    }
  }
  for (const list of Object.values(socketsOf)) for (const s of list) s.close();
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => {
    const sorted = [...v].sort((a, b) => a - b);
    return [k, { p50: pct(sorted, 50), p99: pct(sorted, 99) }];
  }));
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

async function started(names) {
  const out = {};
  for (const name of names) {
    const [file, make] = name.startsWith('vuoro') ? ['vuoro.mjs', vuoroClient] : ['bare.mjs', bareClient];
    const server = await launch(file);
    const c = make(server.url);
    await c.setup();
    out[name] = { server, c, url: server.url };
  }
  return out;
}

async function stopAll(servers) {
  for (const { server } of Object.values(servers)) await server.stop();
}

const clientsOf = (servers) => Object.fromEntries(Object.entries(servers).map(([k, v]) => [k, v.c]));

export async function runHallBench() {
  console.log('\nThe hall from outside: Vuoro vs a bare express + better-sqlite3 + socket.io server, each in its own process;');
  console.log('measurements alternate between the servers (medians), so a busy machine weighs on both alike');
  let servers = await started(['vuoro', 'bare']);
  const rate = await issueRates(clientsOf(servers));
  await stopAll(servers);

  servers = await started(['vuoro20', 'bare20', 'vuoro5000', 'bare5000']);
  await Promise.all(Object.entries(servers).map(([name, { c }]) => fill(c, name.endsWith('5000') ? 5000 : 20)));
  const cycle = await callCycles(clientsOf(servers));
  await stopAll(servers);

  servers = await started(['vuoro', 'bare']);
  const fan = await fanouts(servers);
  await stopAll(servers);

  servers = await started(['vuoro']);
  const rush = await burst(servers.vuoro.server, servers.vuoro.c);
  await stopAll(servers);

  console.log(`  ${'figure'.padEnd(62)} ${'Vuoro'.padStart(10)} ${'bare'.padStart(10)} ${'ratio'.padStart(8)}   target`);
  row('tickets issued per second over HTTP, 16 concurrent clients', Math.round(rate.vuoro), Math.round(rate.bare), `${(rate.vuoro / rate.bare).toFixed(2)}×`, '≥ 0.5×');
  row('call-next + start + finish over HTTP, 20 waiting (ms)', cycle.vuoro20.toFixed(2), cycle.bare20.toFixed(2), `${(cycle.vuoro20 / cycle.bare20).toFixed(2)}×`, '≤ 2×');
  row('the same with 5,000 waiting (ms), Vuoro relative to 20 waiting', cycle.vuoro5000.toFixed(2), cycle.bare5000.toFixed(2), `${(cycle.vuoro5000 / cycle.vuoro20).toFixed(2)}×`, '≤ 1.2×');
  row('call → all 200 display sockets have it, p99 (ms)', fan.vuoro.p99.toFixed(1), fan.bare.p99.toFixed(1), `${(fan.vuoro.p99 / fan.bare.p99).toFixed(2)}×`, '≤ 1.5×');
  console.log(`  (call → 200 displays p50: Vuoro ${fan.vuoro.p50.toFixed(1)} ms, bare ${fan.bare.p50.toFixed(1)} ms; bare with 5,000 waiting relative to 20: ${(cycle.bare5000 / cycle.bare20).toFixed(2)}×)`);
  console.log(`\nA rush of ${rush.issues} tickets over HTTP (16 clients, ${Math.round(rush.took)} ms) with ${rush.pages} status pages and a display open`);
  console.log(`  estimate computations ${rush.estimateComputations}   queue:changed to the display ${rush.queueChanged}   visitor:status emits ${rush.visitorEmits} (one per event and page would be ${rush.issues * rush.pages})`);
}
