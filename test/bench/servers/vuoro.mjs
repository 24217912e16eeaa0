// Vuoro as it runs in a hall (the demo hall, no generated history), in a child process for the hall benchmark.
// Prints "PORT <n>"; answers { figures } over IPC: estimate computations since start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../../server/dist/app.js';
import { loadConfig } from '../../../server/dist/config.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-hall-'));
// Every simulated display, status page and client connects from this one machine: the per-address bounds that keep a
// hall's Wi-Fi honest are lifted here (as the bare server has none), the rest is the hall as it runs.
// VUORO_BENCH_HALL_LIMITS=1 keeps the hall's default bounds (the sockets bench's floods measure exactly those).
const lifted = process.env.VUORO_BENCH_HALL_LIMITS === '1' ? {} : { VUORO_SOCKETS_PER_ADDRESS: '100000', VUORO_PUBLIC_READS_PER_MINUTE: '100000' };
const app = await createApp({
  config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: 'bench-password-1', ...lifted }),
  log: () => {},
});
await new Promise((resolve) => app.http.listen(0, '127.0.0.1', resolve));
console.log(`PORT ${app.http.address().port}`);
process.on('message', (m) => {
  if (m === 'figures') process.send?.({ estimateComputations: app.services.views.estimateComputations() });
});
const stop = async () => { await app.close(); rmSync(dataDir, { recursive: true, force: true }); process.exit(0); };
process.on('SIGTERM', stop);
process.on('disconnect', stop);
