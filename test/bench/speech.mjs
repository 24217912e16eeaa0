// Speech flood: a display's spoken call while thousands of distinct kiosk prompts are asked from many addresses
// (issue 12, item 11: before the limits, 3,000 such requests filled 1.6 GB of cache and delayed a call by 70 s).
// Figures only; nothing here asserts a time. Needs espeak-ng (apt-get install espeak-ng).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/dist/app.js';
import { loadConfig } from '../../server/dist/config.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(prompts = 3000, addresses = 300) {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('the speech benchmark needs espeak-ng: apt-get install -y espeak-ng');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-speech-bench-'));
  const app = await createApp({
    config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: 'bench-password-1', VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000' }),
    log: () => {},
  });
  await new Promise((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${app.http.address().port}`;
  const issue = async () => {
    const r = await fetch(`${url}/api/v1/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'parking' }) });
    return (await r.json()).ticket.number;
  };
  for (let i = 0; i < 50; i += 1) await issue();
  const speak = async (query, from) => {
    const t = performance.now();
    const r = await fetch(`${url}/api/v1/speech?${query}`, { headers: { 'x-forwarded-for': from } });
    await r.arrayBuffer();
    return { status: r.status, ms: performance.now() - t };
  };
  const call = async (n) => speak(`app=display&lang=en&key=call.spoken&number=${await issue()}&counter=${1 + (n % 7)}`, '10.9.9.9');

  const callStatuses = [];
  const idle = [];
  for (let i = 0; i < 5; i += 1) {
    const c = await call(i);
    callStatuses.push(c.status);
    idle.push(c.ms);
  }

  const statuses = new Map();
  let next = 0;
  const worker = async () => {
    while (next < prompts) {
      const i = next++;
      const r = await speak(`app=kiosk&lang=en&key=speech.serviceOption&service=identity&ahead=${i % 50}&minutes=${Math.floor(i / 50)}`, `10.8.${Math.floor((i % addresses) / 250)}.${i % 250}`);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  };
  const flood = Promise.all(Array.from({ length: 64 }, worker));
  const during = [];
  for (let i = 0; i < 5; i += 1) {
    await new Promise((r) => setTimeout(r, 300));
    const c = await call(10 + i);
    callStatuses.push(c.status);
    during.push(c.ms);
  }
  const t = performance.now();
  await flood;
  const floodMs = performance.now() - t;
  const dir = path.join(dataDir, 'speech-cache');
  const files = readdirSync(dir);
  const bytes = files.reduce((s, f) => s + statSync(path.join(dir, f)).size, 0);
  console.log(`speech flood: ${prompts} distinct kiosk prompts from ${addresses} addresses, 64 at a time`);
  console.log(`  answers: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; flood lasted ${(floodMs / 1000).toFixed(1)} s after the last call`);
  console.log(`  display call, idle: median ${median(idle).toFixed(0)} ms; during the flood: median ${median(during).toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms (${(median(during) / median(idle)).toFixed(1)}× idle)`);
  console.log(`  display calls answered: ${callStatuses.join(' ')}; machine load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
  console.log(`  cache after: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB (bounds 1000 files, 100 MB)`);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
