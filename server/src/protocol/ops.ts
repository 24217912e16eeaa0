import { z } from 'zod';
import { DeviceStatusView } from './views.js';

/** Operations: health, backups, retention and the admin's status page. */

export const CheckState = z.enum(['ok', 'warn', 'fail']);
export type CheckState = z.infer<typeof CheckState>;

export const HealthCheck = z.object({ state: CheckState, message: z.string() });
export type HealthCheck = z.infer<typeof HealthCheck>;

/** A problem with the database file or its disk, as the store detected it. */
export const StorageProblemView = z.object({ kind: z.enum(['replaced', 'corrupt', 'full', 'io']), message: z.string(), since: z.number() });
export type StorageProblemView = z.infer<typeof StorageProblemView>;

/** GET /api/v1/health (and /health/ready): 200 when ready, 503 when not. */
export const HealthReport = z.object({
  /** `ok`: all well; `degraded`: serving, but something needs a look (a device); `error`: not ready. */
  status: z.enum(['ok', 'degraded', 'error']),
  live: z.literal(true),
  ready: z.boolean(),
  version: z.string(),
  uptimeSeconds: z.number(),
  checks: z.object({ database: HealthCheck, disk: HealthCheck, devices: HealthCheck }),
  /** Present when the store found the database file deleted, replaced, damaged or its disk full. */
  storage: z.array(StorageProblemView).optional(),
});
export type HealthReport = z.infer<typeof HealthReport>;

export const BackupView = z.object({
  /** File name inside the backup folder, e.g. vuoro-2026-03-04T02-30-00Z.db. */
  name: z.string(),
  sizeBytes: z.number().int(),
  /** When the copy was taken (epoch ms). */
  takenAt: z.number(),
  /** `PRAGMA integrity_check` on the copy said ok. */
  verified: z.boolean(),
  schemaVersion: z.number().int(),
  trigger: z.enum(['schedule', 'manual', 'cli', 'upgrade']),
});
export type BackupView = z.infer<typeof BackupView>;

export const BackupStatus = z.object({
  folder: z.string(),
  /** Hall-local time of the daily backup ("02:30"), or null when scheduled backups are off. */
  dailyAt: z.string().nullable(),
  keep: z.number().int(),
  running: z.boolean(),
  backups: z.array(BackupView),
  lastError: z.string().nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/** A connected screen as the server sees it. */
export const ScreenView = z.object({
  role: z.enum(['display', 'kiosk']),
  /** The display or kiosk id from the hall config, or null for the default profile. */
  profileId: z.string().nullable(),
  address: z.string(),
  connectedAt: z.number(),
  lastContact: z.number(),
  /** The screen's clock minus the server's at its last join (ms), null when it did not say. */
  clockSkewMs: z.number().nullable(),
  version: z.string().nullable(),
});
export type ScreenView = z.infer<typeof ScreenView>;

/** How long personal data is kept (days); 0 means "removed at the next daily run after the visit's day". */
export const RetentionPolicyView = z.object({
  needsDays: z.number().int(),
  notesDays: z.number().int(),
  commentsDays: z.number().int(),
  statusTokensDays: z.number().int(),
  /** When the job last ran, and how many rows (tickets, events, visits) it cleared a field in. */
  lastRun: z.object({ at: z.number(), changes: z.number().int() }).nullable(),
});
export type RetentionPolicyView = z.infer<typeof RetentionPolicyView>;

/** GET /api/v1/admin/status: everything at a glance. */
export const OpsStatus = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  startedAt: z.number(),
  uptimeSeconds: z.number(),
  now: z.number(),
  database: z.object({ file: z.string(), sizeBytes: z.number() }),
  disk: z.object({ freeBytes: z.number(), totalBytes: z.number(), minFreeBytes: z.number() }),
  health: HealthReport,
  lastBackup: BackupView.nullable(),
  backupError: z.string().nullable(),
  devices: z.array(DeviceStatusView),
  screens: z.array(ScreenView),
  retention: RetentionPolicyView,
});
export type OpsStatus = z.infer<typeof OpsStatus>;

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
export const HeldDataView = z.object({
  ticketId: z.number().int(),
  number: z.string(),
  localDate: z.string(),
  state: z.string(),
  /** How many needs are recorded (hearing loop, interpreter, …). */
  needs: z.number().int(),
  note: z.boolean(),
  comment: z.boolean(),
  /** The status page link still works. */
  statusLink: z.boolean(),
});
export type HeldDataView = z.infer<typeof HeldDataView>;

/** Sent by a screen after it connects: its clock (epoch ms) and the server version it was loaded from, if known. */
export const ScreenHello = z.strictObject({
  clock: z.number().finite().nonnegative(),
  version: z.string().max(40).nullable(),
});
export type ScreenHello = z.infer<typeof ScreenHello>;

/** The server's answer: its version; a screen loaded from another version reloads at a quiet moment. */
export const ScreenWelcome = z.object({ version: z.string(), serverClock: z.number() });
export type ScreenWelcome = z.infer<typeof ScreenWelcome>;
