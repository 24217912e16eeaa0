// Backup benchmark: how long the queue waits while an online backup copies a large database, next to the same
// work without a backup and next to a blocking copy (VACUUM INTO). Prints figures; asserts nothing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadHallFile, DEMO_HALL_FILE } from '../../server/dist/config.js';
import { Store } from '../../server/dist/store/index.js';
import { createServices } from '../../server/dist/services/index.js';
import { BackupService } from '../../server/dist/ops/backups.js';

const MB = 1024 * 1024;
const ms = (n) => `${n.toFixed(1)} ms`;

/** Issues tickets one per turn of the event loop until `until()` says stop; returns tickets/s and the loop delays. */
async function issueWhile(s, until) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let n = 0;
  const t0 = performance.now();
  const services = ['identity', 'residence', 'parking', 'vehicles'];
  while (!until()) {
    s.tickets.issue({ serviceId: services[n % services.length], needs: [] });
    n++;
    await new Promise((r) => setImmediate(r));
  }
  const secs = (performance.now() - t0) / 1000;
  h.disable();
  return { perSec: n / secs, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, secs };
}

export async function run(sizeMb = Number(process.env.VUORO_BENCH_BACKUP_MB ?? 200)) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-backup-'));
  try {
    const store = Store.open(path.join(dir, 'vuoro.db'));
    let clock = Date.UTC(2026, 2, 4, 8, 0);
    const s = createServices(store, loadHallFile(DEMO_HALL_FILE), () => (clock += 10));
    store.db.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    const insert = store.db.prepare('INSERT INTO bench_filler (data) VALUES (?)');
    const row = Buffer.alloc(4000, 7);
    store.db.transaction(() => {
      for (let i = 0; i < (sizeMb * MB) / 4096; i++) insert.run(row);
    })();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const size = statSync(path.join(dir, 'vuoro.db')).size;
    console.log(`\nBackup of a ${(size / MB).toFixed(0)} MB database while tickets are issued one per event-loop turn`);

    const baseline = await issueWhile(s, (() => {
      const end = performance.now() + 3000;
      return () => performance.now() > end;
    })());

    const backups = new BackupService(store.db, { folder: path.join(dir, 'backups'), keep: 5, dailyAt: null }, () => Date.now());
    let done = false;
    const t0 = performance.now();
    const taken = backups.run('manual').finally(() => (done = true));
    const during = await issueWhile(s, () => done);
    const b = await taken;
    const onlineMs = performance.now() - t0;

    const t1 = performance.now();
    store.db.prepare('VACUUM INTO ?').run(path.join(dir, 'blocking-copy.db'));
    const blockingMs = performance.now() - t1;

    console.log(`  online backup (64 pages a step) + integrity_check in a worker: ${ms(onlineMs)} for ${(b.sizeBytes / MB).toFixed(0)} MB, verified=${b.verified}`);
    console.log(`  tickets issued:       ${baseline.perSec.toFixed(0)}/s without a backup, ${during.perSec.toFixed(0)}/s during it (ratio ${(during.perSec / baseline.perSec).toFixed(2)})`);
    console.log(`  event-loop delay:     max ${ms(baseline.maxMs)}, p99 ${ms(baseline.p99Ms)} without; max ${ms(during.maxMs)}, p99 ${ms(during.p99Ms)} during the backup`);
    console.log(`  a blocking copy (VACUUM INTO) of the same database would stop the queue for ${ms(blockingMs)} (ratio to the worst online wait ${(blockingMs / during.maxMs).toFixed(0)}×)`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
