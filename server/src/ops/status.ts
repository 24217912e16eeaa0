import type { DeviceStatusView, OpsStatus, ScreenView } from '../protocol/index.js';
import type { Store } from '../store/index.js';
import type { BackupService } from './backups.js';
import { diskSpace, type Health } from './health.js';
import type { RetentionService } from './retention.js';

export interface StatusDeps {
  version: string;
  startedAt: number;
  now(): number;
  store: Store;
  dataDir: string;
  minFreeBytes: number;
  health: Health;
  backups: BackupService;
  retention: RetentionService;
  devices(): DeviceStatusView[];
  screens(): ScreenView[];
}

/** Everything an operator wants at a glance, for the admin screen (GET /api/v1/admin/status). */
export function opsStatus(d: StatusDeps): OpsStatus {
  const now = d.now();
  let disk = { freeBytes: 0, totalBytes: 0 };
  try {
    disk = diskSpace(d.dataDir);
  } catch {
    // reported by the health check
  }
  return {
    version: d.version,
    schemaVersion: d.store.ops.schemaVersion(),
    startedAt: d.startedAt,
    uptimeSeconds: Math.max(0, Math.round((now - d.startedAt) / 1000)),
    now,
    database: { file: d.store.db.name, sizeBytes: d.store.ops.sizeBytes() },
    disk: { ...disk, minFreeBytes: d.minFreeBytes },
    health: d.health.report(),
    lastBackup: d.backups.latest(),
    backupError: d.backups.error(),
    devices: d.devices(),
    screens: d.screens(),
    retention: d.retention.view(),
  };
}
