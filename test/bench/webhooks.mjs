// POST /tickets latency with no webhook subscription, with a receiver that answers at once, and with four
// receivers that never answer (every delivery slot hung until its timeout). Figures as ratios to the first.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/dist/app.js';
import { loadConfig } from '../../server/dist/config.js';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function receiver(hang) {
  const held = [];
  const s = createServer((req, res) => {
    req.resume();
    if (hang) held.push(res);
    else req.on('end', () => res.writeHead(204).end());
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${s.address().port}/hook`, close: () => { for (const r of held) r.destroy(); s.closeAllConnections(); s.close(); } };
}

async function scenario(name, receivers, tickets) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-hookbench-'));
  const app = await createApp({ config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: 'bench-password-1' }), log: () => {} });
  await new Promise((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${app.http.address().port}`;
  const post = async (p, token, body) => {
    const r = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}) });
    return r.json();
  };
  const { token } = await post('/api/v1/session', undefined, { username: 'admin', password: 'bench-password-1' });
  for (const r of receivers) await post('/api/v1/admin/webhooks', token, { url: r.url, allowHttp: true, eventTypes: ['ticket.issued'] });
  for (let i = 0; i < 20; i++) await post('/api/v1/tickets', undefined, { serviceId: 'identity' });
  const samples = [];
  for (let i = 0; i < tickets; i++) {
    const t0 = process.hrtime.bigint();
    await post('/api/v1/tickets', undefined, { serviceId: i % 2 ? 'identity' : 'vehicles' });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { name, p50: pct(samples, 50), p99: pct(samples, 99) };
}

export async function run(tickets = 300) {
  const ok = await receiver(false);
  const hung = await Promise.all([1, 2, 3, 4].map(() => receiver(true)));
  const rows = [
    await scenario('no subscription', [], tickets),
    await scenario('1 receiver answering at once', [ok], tickets),
    await scenario('4 receivers that never answer', hung, tickets),
  ];
  ok.close();
  for (const h of hung) h.close();
  const base = rows[0];
  console.log(`\nPOST /tickets with webhook subscriptions (${tickets} tickets each, ratio to no subscription)`);
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(32)} p50 ${r.p50.toFixed(2)} ms (×${(r.p50 / base.p50).toFixed(2)})   p99 ${r.p99.toFixed(2)} ms (×${(r.p99 / base.p99).toFixed(2)})`);
  }
}
