import { z } from 'zod';
import type { DeviceStatusView } from './views.js';

/** Operations: health, backups, retention and the admin's status page. */

export type CheckState = 'ok' | 'warn' | 'fail';

export interface HealthCheck {
  state: CheckState;
  message: string;
}

/** A problem with the database file or its disk, as the store detected it. */
export interface StorageProblemView {
  kind: 'replaced' | 'corrupt' | 'full' | 'io';
  message: string;
  since: number;
}

/** GET /api/v1/health (and /health/ready): 200 when ready, 503 when not. */
export interface HealthReport {
  /** `ok`: all well; `degraded`: serving, but something needs a look (a device); `error`: not ready. */
  status: 'ok' | 'degraded' | 'error';
  live: true;
  ready: boolean;
  version: string;
  uptimeSeconds: number;
  checks: { database: HealthCheck; disk: HealthCheck; devices: HealthCheck };
  /** Present when the store found the database file deleted, replaced, damaged or its disk full. */
  storage?: StorageProblemView[];
}

export interface BackupView {
  /** File name inside the backup folder, e.g. vuoro-2026-03-04T02-30-00Z.db. */
  name: string;
  sizeBytes: number;
  /** When the copy was taken (epoch ms). */
  takenAt: number;
  /** `PRAGMA integrity_check` on the copy said ok. */
  verified: boolean;
  schemaVersion: number;
  trigger: 'schedule' | 'manual' | 'cli' | 'upgrade';
}

export interface BackupStatus {
  folder: string;
  /** Hall-local time of the daily backup ("02:30"), or null when scheduled backups are off. */
  dailyAt: string | null;
  keep: number;
  running: boolean;
  backups: BackupView[];
  lastError: string | null;
}

/** A connected screen as the server sees it. */
export interface ScreenView {
  role: 'display' | 'kiosk';
  /** The display or kiosk id from the hall config, or null for the default profile. */
  profileId: string | null;
  address: string;
  connectedAt: number;
  lastContact: number;
  /** The screen's clock minus the server's at its last join (ms), null when it did not say. */
  clockSkewMs: number | null;
  version: string | null;
}

/** GET /api/v1/admin/status: everything at a glance. */
export interface OpsStatus {
  version: string;
  schemaVersion: number;
  startedAt: number;
  uptimeSeconds: number;
  now: number;
  database: { file: string; sizeBytes: number };
  disk: { freeBytes: number; totalBytes: number; minFreeBytes: number };
  health: HealthReport;
  lastBackup: BackupView | null;
  backupError: string | null;
  devices: DeviceStatusView[];
  screens: ScreenView[];
  retention: RetentionPolicyView;
}

/** How long personal data is kept (days); 0 means "removed at the next daily run after the visit's day". */
export interface RetentionPolicyView {
  needsDays: number;
  notesDays: number;
  commentsDays: number;
  statusTokensDays: number;
  /** When the job last ran, and how many rows (tickets, events, visits) it cleared a field in. */
  lastRun: { at: number; changes: number } | null;
}

/** One visit, named the way the visitor can name it: the day and the number on the ticket. */
export const VisitorDataRequest = z.strictObject({
  date: z.iso.date('date: the visit day as YYYY-MM-DD'),
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,3}\d{1,5}$/, 'number: a ticket number such as A012')
    .transform((n) => n.toUpperCase()),
});
export type VisitorDataRequest = z.infer<typeof VisitorDataRequest>;

/** What is held about one visit: whether each kind of personal data is there (never the data itself). */
export interface HeldDataView {
  ticketId: number;
  number: string;
  localDate: string;
  state: string;
  /** How many needs are recorded (hearing loop, interpreter, …). */
  needs: number;
  note: boolean;
  comment: boolean;
  /** The status page link still works. */
  statusLink: boolean;
}

/** Sent by a screen after it connects: its clock (epoch ms) and the server version it was loaded from, if known. */
export const ScreenHello = z.strictObject({
  clock: z.number().finite().nonnegative(),
  version: z.string().max(40).nullable(),
});
export type ScreenHello = z.infer<typeof ScreenHello>;

/** The server's answer: its version; a screen loaded from another version reloads at a quiet moment. */
export interface ScreenWelcome {
  version: string;
  serverClock: number;
}
