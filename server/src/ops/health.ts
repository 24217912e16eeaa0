import { statfsSync } from 'node:fs';
import type { DeviceStatusView, HealthCheck, HealthReport, StorageProblemView } from '../protocol/index.js';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export function diskSpace(dir: string): DiskSpace {
  const s = statfsSync(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

export interface HealthDeps {
  version: string;
  startedAt: number;
  now(): number;
  /** Throws when the database cannot take a write. */
  probeDatabase(): void;
  dataDir: string;
  minFreeBytes: number;
  devices(): DeviceStatusView[];
  /** What is wrong with the database file or its disk (deleted, replaced, damaged, full), from the store's checks. */
  storageProblems(): StorageProblemView[];
}

/**
 * Live: the process answers. Ready: the database file is the one opened, intact, takes writes, and the data folder
 * has room. Devices never make the server unready (a hall without its printer still shows tickets on screen), they
 * make it `degraded`. Every check is cheap (a stat, a statfs, an empty write transaction).
 */
export class Health {
  constructor(private readonly d: HealthDeps) {}

  report(): HealthReport {
    const now = this.d.now();
    const storage = this.d.storageProblems();
    const database = this.database(storage);
    const disk = this.disk(storage.find((p) => p.kind === 'full'));
    const devices = this.devicesCheck();
    const ready = database.state !== 'fail' && disk.state !== 'fail';
    const degraded = [database, disk, devices].some((c) => c.state !== 'ok');
    return {
      status: !ready ? 'error' : degraded ? 'degraded' : 'ok',
      live: true,
      ready,
      version: this.d.version,
      uptimeSeconds: Math.max(0, Math.round((now - this.d.startedAt) / 1000)),
      checks: { database, disk, devices },
      ...(storage.length > 0 ? { storage } : {}),
    };
  }

  private database(storage: StorageProblemView[]): HealthCheck {
    const blocking = storage.find((p) => p.kind !== 'full');
    if (blocking) return { state: 'fail', message: blocking.message };
    try {
      this.d.probeDatabase();
      return { state: 'ok', message: 'The database takes writes.' };
    } catch (err) {
      return { state: 'fail', message: `The database cannot take writes: ${(err as Error).message}` };
    }
  }

  private disk(full: StorageProblemView | undefined): HealthCheck {
    if (full) return { state: 'fail', message: full.message };
    try {
      const { freeBytes } = diskSpace(this.d.dataDir);
      const mb = (n: number) => `${Math.floor(n / 1048576)} MB`;
      if (freeBytes < this.d.minFreeBytes) return { state: 'fail', message: `Only ${mb(freeBytes)} free in the data folder (at least ${mb(this.d.minFreeBytes)} needed).` };
      if (freeBytes < this.d.minFreeBytes * 4) return { state: 'warn', message: `${mb(freeBytes)} free in the data folder; getting low.` };
      return { state: 'ok', message: `${mb(freeBytes)} free in the data folder.` };
    } catch (err) {
      return { state: 'fail', message: `The data folder cannot be read: ${(err as Error).message}` };
    }
  }

  private devicesCheck(): HealthCheck {
    const devices = this.d.devices();
    const bad = devices.filter((d) => d.state !== 'ready' && d.state !== 'paper-low');
    if (devices.length === 0) return { state: 'ok', message: 'No devices configured.' };
    if (bad.length === 0) return { state: 'ok', message: `${devices.length} device(s) working.` };
    return { state: 'warn', message: bad.map((d) => `${d.id}: ${d.state}`).join(', ') };
  }
}
