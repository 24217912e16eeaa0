// Socket floods against Vuoro in its own process (test/bench/servers/vuoro.mjs), as in issue 12, item 10: before the
// limits, one socket asking 20,000 snapshots pushed GET /health to 1.7 s for 17 s, and 1,000 sockets asking 10 each
// to 1.4 s. Prints the health check's latency idle and during each flood, then the flood from 1,000 addresses against
// Vuoro and against the bare server (ratios); asserts nothing. `npm run bench sockets`.
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function launch(server = 'vuoro', env = {}) {
  const child = fork(new URL(`./servers/${server}.mjs`, import.meta.url), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

/**
 * GET /health every 50 ms until `until` settles; the latencies in ms. The checks run in a worker thread, so that this
 * process's own work (sending the flood, reading its answers) does not count as the server's.
 */
async function healthDuring(url, until, everyMs = 50) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     let stop = false;
     parentPort.on('message', () => { stop = true; });
     (async () => {
       const times = [];
       while (!stop) {
         const t = performance.now();
         await (await fetch(workerData.url + '/api/v1/health')).arrayBuffer();
         times.push(performance.now() - t);
         await new Promise((r) => setTimeout(r, workerData.everyMs));
       }
       parentPort.postMessage(times);
     })();`,
    { eval: true, workerData: { url, everyMs } },
  );
  const times = new Promise((resolve) => worker.once('message', resolve));
  await until;
  worker.postMessage('stop');
  const result = await times;
  await worker.terminate();
  return result;
}

const connect = (url, address) => new Promise((resolve, reject) => {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
  s.once('connect', () => resolve(s));
  s.once('connect_error', reject);
});
const join = (s) => new Promise((resolve) => s.emit('hall:join', { role: 'display' }, resolve));

const line = (name, times) => `  ${name}: health p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${times.length} checks)`;

/**
 * 1,000 sockets from 1,000 addresses, each joining as a display and asking 10 snapshots at once, `rounds` times; the
 * health check every 10 ms during each flood. Returns the pooled latencies, the floods' durations and answers.
 */
async function addressFlood(url, rounds) {
  const times = [];
  const durations = [];
  let answered = 0;
  for (let round = 0; round < rounds; round += 1) {
    const many = [];
    for (let i = 0; i < 1000; i += 1) many.push(await connect(url, `10.${8 + round}.${Math.floor(i / 250)}.${i % 250}`));
    await Promise.all(many.map(join));
    const started = performance.now();
    const all = Promise.all(
      many.map((s) => Promise.all(Array.from({ length: 10 }, () => new Promise((r) => s.emit('hall:snapshot', (a) => { if (a.ok) answered += 1; r(); }))))),
    ).then(() => durations.push(performance.now() - started));
    times.push(...(await healthDuring(url, all, 10)));
    for (const s of many) s.close();
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { times, durations, answered };
}

/** The same flood against Vuoro and against the bare server (same stack, no limits, the snapshot serialized per answer). */
async function againstBare() {
  const ROUNDS = 3;
  const vuoro = await launch();
  let snapshotFile;
  let ours;
  try {
    const probe = await connect(vuoro.url, '10.7.9.9');
    const snap = await join(probe);
    probe.close();
    const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-snapshot-'));
    snapshotFile = path.join(dir, 'snapshot.json');
    writeFileSync(snapshotFile, JSON.stringify(snap.data));
    console.log(`1,000 addresses × 10 snapshot requests, ${ROUNDS} rounds, health every 10 ms (display snapshot ${(JSON.stringify(snap).length / 1024).toFixed(1)} kB)`);
    ours = await addressFlood(vuoro.url, ROUNDS);
  } finally {
    await vuoro.stop();
  }
  const bare = await launch('bare', { VUORO_BENCH_SNAPSHOT: snapshotFile });
  let theirs;
  try {
    theirs = await addressFlood(bare.url, ROUNDS);
  } finally {
    await bare.stop();
    rmSync(path.dirname(snapshotFile), { recursive: true, force: true });
  }
  const median = (xs) => pct(xs, 50);
  for (const [name, r] of [['Vuoro', ours], ['bare', theirs]]) {
    console.log(`  ${name}: health p50 ${pct(r.times, 50).toFixed(1)} ms, p99 ${pct(r.times, 99).toFixed(1)} ms (${r.times.length} checks); flood ${median(r.durations).toFixed(0)} ms (median of ${r.durations.length}); ${r.answered} answers`);
  }
  const perAnswer = (r) => median(r.durations) / (r.answered / ROUNDS);
  console.log(
    `  ratio Vuoro/bare: health p99 ${(pct(ours.times, 99) / pct(theirs.times, 99)).toFixed(2)}×, p50 ${(pct(ours.times, 50) / pct(theirs.times, 50)).toFixed(2)}×; time per answer ${(perAnswer(ours) / perAnswer(theirs)).toFixed(2)}× (Vuoro answers 9 of each socket's 10: the join counts against 10 per socket)`,
  );
}

export async function run() {
  await floods();
  await againstBare();
}

async function floods() {
  // The hall's own limits (50 sockets per address, 300 joins and snapshots per address in 10 s): what these floods test.
  const server = await launch('vuoro', { VUORO_BENCH_HALL_LIMITS: '1' });
  try {
    const idle = await healthDuring(server.url, new Promise((r) => setTimeout(r, 2000)));
    console.log('socket floods (server in its own process)');
    console.log(line('idle', idle));

    // One socket, 20,000 snapshot requests as fast as it can send them.
    const one = await connect(server.url, '10.7.0.1');
    await join(one);
    let answered = 0;
    let refused = 0;
    const flood = new Promise((resolve) => {
      one.once('disconnect', resolve);
      for (let i = 0; i < 20_000; i += 1) one.emit('hall:snapshot', (r) => (r.ok ? (answered += 1) : (refused += 1)));
      setTimeout(resolve, 20_000);
    });
    console.log(line('one socket, 20,000 snapshot requests', await healthDuring(server.url, flood)));
    console.log(`    answered ${answered}, refused ${refused}, socket ${one.connected ? 'still connected' : 'dropped'}`);
    one.close();

    // 1,000 sockets asking 10 snapshots each: from one machine (it may hold only 50), then from 1,000 machines.
    for (const [name, addressOf] of [
      ['one address', () => '10.5.0.1'],
      ['1,000 addresses', (i) => `10.6.${Math.floor(i / 250)}.${i % 250}`],
    ]) {
      const many = [];
      let refusedAtConnect = 0;
      for (let i = 0; i < 1000; i += 1) {
        try {
          many.push(await connect(server.url, addressOf(i)));
        } catch {
          refusedAtConnect += 1;
        }
      }
      await Promise.all(many.map(join));
      let ok = 0;
      const all = Promise.all(
        many.map((s) => Promise.all(Array.from({ length: 10 }, () => new Promise((r) => s.emit('hall:snapshot', (a) => { if (a.ok) ok += 1; r(); }))))),
      );
      console.log(line(`1,000 sockets × 10 snapshot requests from ${name}`, await healthDuring(server.url, all)));
      console.log(`    sockets refused at connection ${refusedAtConnect}; snapshots answered ${ok} of ${many.length * 10} asked`);
      for (const s of many) s.close();
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await server.stop();
  }
}
