// Calls at a counter (next + start + finish) while visitors wait with SMS opt-ins ("when 3 ahead" and "when called"):
// no opt-ins, 100 opt-ins with a gateway answering at once, and 100 with a gateway that never answers (every send slot
// hung until its timeout). Figures as ratios to the first; nothing asserts a time.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/dist/app.js';
import { DEMO_HALL_FILE, loadConfig } from '../../server/dist/config.js';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function gateway(hang) {
  const held = [];
  let accepted = 0;
  const s = createServer((req, res) => {
    req.resume();
    if (hang) held.push(res);
    else req.on('end', () => { accepted += 1; res.writeHead(202).end(); });
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${s.address().port}/send`, accepted: () => accepted, close: () => { for (const r of held) r.destroy(); s.closeAllConnections(); s.close(); } };
}

async function scenario(name, sms, optIns, calls) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-notifybench-'));
  const hall = JSON.parse(readFileSync(DEMO_HALL_FILE, 'utf8'));
  if (sms) hall.notifications = { sms: { url: sms.url, timeoutSeconds: 60 } };
  writeFileSync(path.join(dataDir, 'hall.json'), JSON.stringify(hall));
  const app = await createApp({
    config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_CONFIG: path.join(dataDir, 'hall.json'), VUORO_ADMIN_PASSWORD: 'bench-password-1', VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000', VUORO_NOTIFY_REQUESTS_PER_MINUTE: '100000' }),
    log: () => {},
  });
  await new Promise((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${app.http.address().port}`;
  const send = async (method, p, token, body) => {
    const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}) });
    return r.json();
  };
  const { token } = await send('POST', '/api/v1/session', undefined, { username: 'county-staff', password: 'demo-county-staff' });
  await send('POST', '/api/v1/counters/4/open', token, {});
  for (let i = 0; i < calls + 20; i++) {
    const { ticket } = await send('POST', '/api/v1/tickets', undefined, { serviceId: 'vehicles' });
    if (i < optIns) await send('PUT', `/api/v1/tickets/status/${ticket.statusToken}/notify`, undefined, { channel: 'sms', address: `+3584010${String(i).padStart(5, '0')}`, ahead: 3, onCall: true });
  }
  const samples = [];
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    await send('POST', '/api/v1/counters/4/next', token);
    await send('POST', '/api/v1/counters/4/start', token);
    await send('POST', '/api/v1/counters/4/finish', token, {});
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  await new Promise((r) => setTimeout(r, 500));
  const counts = app.notify.status().counts;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { name, p50: pct(samples, 50), p99: pct(samples, 99), counts };
}

export async function run(calls = 100) {
  const ok = await gateway(false);
  const hung = await gateway(true);
  const rows = [
    await scenario('no opt-ins', null, 0, calls),
    await scenario(`${calls} SMS opt-ins, gateway answering`, ok, calls, calls),
    await scenario(`${calls} SMS opt-ins, gateway never answers`, hung, calls, calls),
  ];
  ok.close();
  hung.close();
  const base = rows[0];
  console.log(`\nCall cycle (next + start + finish) with visitors' SMS opt-ins (${calls} calls each, ratio to no opt-ins)`);
  for (const r of rows) {
    const c = r.counts;
    console.log(
      `  ${r.name.padEnd(40)} p50 ${r.p50.toFixed(2)} ms (×${(r.p50 / base.p50).toFixed(2)})   p99 ${r.p99.toFixed(2)} ms (×${(r.p99 / base.p99).toFixed(2)})   outbox: ${c.sent} sent, ${c.pending} pending, ${c.failed} failed, ${c.dropped} dropped`,
    );
  }
}
