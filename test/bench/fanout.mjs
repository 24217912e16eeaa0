// Time from a call (HTTP POST /next) until every one of N display sockets has the ticket:called event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { createApp } from '../../server/dist/app.js';
import { loadConfig } from '../../server/dist/config.js';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function runFanoutBench(displays = 200, calls = 100) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-fanout-'));
  const app = await createApp({ config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: 'bench-password-1', VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000', VUORO_SOCKETS_PER_ADDRESS: '5000' }), log: () => {} });
  await new Promise((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${app.http.address().port}`;
  const sockets = await Promise.all(
    Array.from({ length: displays }, () => new Promise((resolve, reject) => {
      const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      s.once('connect_error', reject);
      s.emit('hall:join', { role: 'display' }, (res) => (res.ok ? resolve(s) : reject(new Error(res.error.message))));
    })),
  );
  const post = async (p, token, body) => {
    const r = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}) });
    return r.json();
  };
  const { token } = await post('/api/v1/session', undefined, { username: 'admin', password: 'bench-password-1' });
  await post('/api/v1/counters/1/open', token);
  const samples = [];
  for (let i = 0; i < calls; i++) {
    await post('/api/v1/tickets', undefined, { serviceId: 'identity' });
    const t0 = process.hrtime.bigint();
    const all = Promise.all(sockets.map((s) => new Promise((r) => s.once('ticket:called', r))));
    await post('/api/v1/counters/1/next', token);
    await all;
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await post('/api/v1/counters/1/no-show', token);
  }
  samples.sort((a, b) => a - b);
  console.log(`\nCall → all ${displays} display sockets have it (${calls} calls, includes the HTTP request)`);
  console.log(`  p50 ${pct(samples, 50).toFixed(1)} ms   p99 ${pct(samples, 99).toFixed(1)} ms   max ${samples.at(-1).toFixed(1)} ms`);
  for (const s of sockets) s.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
