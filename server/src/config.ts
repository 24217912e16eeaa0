import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { HallConfig } from './protocol/index.js';
import { DirectoryConfig } from './directory/directoryConfig.js';
import { defaultLogFormat, LOG_LEVELS, type LogSettings } from './logging/logger.js';

/** The process settings (environment) and the hall configuration (a JSON file). Nothing else reads env. */

export const DEMO_HALL_FILE = path.resolve(import.meta.dirname, '../config/demo-hall.json');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).optional(),
  VUORO_DATA_DIR: z.string().min(1).default('./data'),
  VUORO_CONFIG: z.string().min(1).optional(),
  VUORO_ADMIN_PASSWORD: z.string().min(10, 'VUORO_ADMIN_PASSWORD must have at least 10 characters').optional(),
  VUORO_ESPEAK: z.string().min(1).optional(),
  VUORO_SPEECH_CACHE_MB: z.coerce.number().int().min(1).max(100_000).default(100),
  VUORO_SPEECH_CACHE_FILES: z.coerce.number().int().min(1).max(100_000).default(1000),
  VUORO_SPEECH_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  VUORO_BACKUP_DIR: z.string().min(1).optional(),
  /** Shipping to a central server: its base URL and this hall's credential (both or neither). */
  VUORO_CENTRAL_URL: z.url({ protocol: /^https?$/ }).optional(),
  VUORO_CENTRAL_TOKEN: z.string().regex(/^vh1\.[a-z0-9][a-z0-9_-]{0,39}\.[\w-]{20,}$/, 'a hall credential issued by the central admin (vh1.<hall>.<secret>)').optional(),
  VUORO_DIRECTORY: z.string().min(1).optional(),
  VUORO_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  VUORO_LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  VUORO_METRICS_TOKEN: z.string().min(16, 'VUORO_METRICS_TOKEN must have at least 16 characters').optional(),
  VUORO_MIN_FREE_MB: z.coerce.number().int().min(1).default(200),
  VUORO_BACKUP_AT: z.union([z.literal('off'), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'VUORO_BACKUP_AT must be HH:MM (hall time) or off')]).default('02:30'),
  VUORO_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  VUORO_RETAIN_NEEDS_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  VUORO_RETAIN_NOTES_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  VUORO_RETAIN_COMMENTS_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  VUORO_RETAIN_STATUS_LINKS_DAYS: z.coerce.number().int().min(0).max(3650).default(2),
  VUORO_ANONYMOUS_TICKETS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  VUORO_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  VUORO_SIGN_INS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  VUORO_PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  VUORO_TOKEN_MISSES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  VUORO_NOTIFY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
});

const CentralEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  HOST: z.string().min(1).optional(),
  VUORO_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL connection string: postgres://user:password@host:port/database'),
  VUORO_ADMIN_PASSWORD: z.string().min(10, 'VUORO_ADMIN_PASSWORD must have at least 10 characters').optional(),
  /** The zone of "today" for central statistics' default range. */
  VUORO_TIME_ZONE: z.string().min(1).default('UTC'),
  /** Whole months of raw events kept after the current one (0: all); older months go once folded. */
  VUORO_CENTRAL_EVENT_MONTHS: z.coerce.number().int().min(0).max(1200).default(0),
});

/** How the process runs: one hall (SQLite, the default) or the central server of many halls (PostgreSQL). */
export function modeOf(env: Record<string, string | undefined>): 'hall' | 'central' {
  const mode = env.VUORO_MODE ?? 'hall';
  if (mode !== 'hall' && mode !== 'central') throw new ConfigError(`VUORO_MODE is "${mode}"; use "hall" (the default) or "central".`);
  return mode;
}

export interface CentralConfig {
  port: number;
  host: string | undefined;
  databaseUrl: string;
  adminPassword: string | undefined;
  timeZone: string;
  /** Whole months of raw events kept before the current month; 0 keeps every event. */
  eventMonths: number;
}

export function loadCentralConfig(env: Record<string, string | undefined>): CentralConfig {
  const parsed = CentralEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid environment for central mode: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.VUORO_DATABASE_URL,
    adminPassword: e.VUORO_ADMIN_PASSWORD,
    timeZone: e.VUORO_TIME_ZONE,
    eventMonths: e.VUORO_CENTRAL_EVENT_MONTHS,
  };
}

export interface HallSource {
  /** The file the hall came from. */
  file: string;
  /** Its content hash: a changed file is imported again at start. */
  hash: string;
  config: HallConfig;
}

export interface AppConfig {
  port: number;
  host: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  /** espeak-ng executable used for speech; absent = found on PATH. */
  espeak: string | undefined;
  /** Rendered speech kept on disk (least recently used deleted first) and requests one client may make a minute. */
  speech: { cacheBytes: number; cacheFiles: number; perMinute: number };
  /** LDAP / Active Directory sign-in (VUORO_DIRECTORY names its JSON file); absent: local accounts only. */
  directory?: DirectoryConfig | undefined;
  hall: HallSource;
  /** Folder of database backups; the latest is named when the database is found damaged. */
  backupDir: string;
  /** Where this hall ships its event log, if anywhere. */
  central: { url: string; token: string } | null;
  /** Open Socket.IO connections one address may hold (screens of one PC, status pages behind one NAT). */
  socketsPerAddress: number;
  log: LogSettings;
  /** Bearer key for GET /metrics (an admin session works too). */
  metricsToken: string | undefined;
  /** Below this much free space in the data folder the server reports itself not ready. */
  minFreeBytes: number;
  /** Scheduled backups: into `backupDir`, daily at a hall time (null = off), the newest `keep` kept. */
  backup: { folder: string; dailyAt: string | null; keep: number };
  /** Days personal data is kept after the visit's day. */
  retention: RetentionPolicy;
  /** Tickets one client address may take a minute without a kiosk credential (API key) or staff session. */
  anonymousTicketsPerMinute: number;
  /** Notification opt-in requests (status page) one client address may make a minute. */
  notifyRequestsPerMinute: number;
  /** Reads of the public routes (hall, services, counters, route list) one address may make a minute without signing in. */
  publicReadsPerMinute: number;
  /** Lookups of unknown visitor status tokens one address may make a minute (only misses count). */
  tokenMissesPerMinute: number;
  /** Sign-in requests one address may send a minute (before the password check and the sign-in guard). */
  signInsPerMinute: number;
}

export interface RetentionPolicy {
  needsDays: number;
  notesDays: number;
  commentsDays: number;
  statusTokensDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const backupDir = path.resolve(e.VUORO_BACKUP_DIR ?? path.join(e.VUORO_DATA_DIR, 'backups'));
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.VUORO_DATA_DIR),
    adminPassword: e.VUORO_ADMIN_PASSWORD,
    espeak: e.VUORO_ESPEAK,
    speech: { cacheBytes: e.VUORO_SPEECH_CACHE_MB * 1024 * 1024, cacheFiles: e.VUORO_SPEECH_CACHE_FILES, perMinute: e.VUORO_SPEECH_PER_MINUTE },
    backupDir,
    socketsPerAddress: e.VUORO_SOCKETS_PER_ADDRESS,
    central: centralTarget(e.VUORO_CENTRAL_URL, e.VUORO_CENTRAL_TOKEN),
    anonymousTicketsPerMinute: e.VUORO_ANONYMOUS_TICKETS_PER_MINUTE,
    notifyRequestsPerMinute: e.VUORO_NOTIFY_REQUESTS_PER_MINUTE,
    publicReadsPerMinute: e.VUORO_PUBLIC_READS_PER_MINUTE,
    tokenMissesPerMinute: e.VUORO_TOKEN_MISSES_PER_MINUTE,
    signInsPerMinute: e.VUORO_SIGN_INS_PER_MINUTE,
    hall: loadHallFile(e.VUORO_CONFIG ? path.resolve(e.VUORO_CONFIG) : DEMO_HALL_FILE),
    directory: e.VUORO_DIRECTORY ? loadDirectoryFile(path.resolve(e.VUORO_DIRECTORY)) : undefined,
    log: { level: e.VUORO_LOG_LEVEL, format: e.VUORO_LOG_FORMAT ?? defaultLogFormat() },
    metricsToken: e.VUORO_METRICS_TOKEN,
    minFreeBytes: e.VUORO_MIN_FREE_MB * 1024 * 1024,
    backup: {
      folder: backupDir,
      dailyAt: e.VUORO_BACKUP_AT === 'off' ? null : e.VUORO_BACKUP_AT,
      keep: e.VUORO_BACKUP_KEEP,
    },
    retention: {
      needsDays: e.VUORO_RETAIN_NEEDS_DAYS,
      notesDays: e.VUORO_RETAIN_NOTES_DAYS,
      commentsDays: e.VUORO_RETAIN_COMMENTS_DAYS,
      statusTokensDays: e.VUORO_RETAIN_STATUS_LINKS_DAYS,
    },
  };
}

function centralTarget(url: string | undefined, token: string | undefined): AppConfig['central'] {
  if (url === undefined && token === undefined) return null;
  if (url === undefined || token === undefined) throw new ConfigError('Set both VUORO_CENTRAL_URL and VUORO_CENTRAL_TOKEN to ship to a central server, or neither.');
  return { url: url.replace(/\/+$/, ''), token };
}

export function loadDirectoryFile(file: string): DirectoryConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read the directory config ${file}: ${(err as Error).message}`);
  }
  const r = DirectoryConfig.safeParse(json);
  if (!r.success) throw new ConfigError(`${file} is not a valid directory config:\n${z.prettifyError(r.error)}`);
  return r.data;
}

export function loadHallFile(file: string): HallSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the hall config ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`The hall config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return { file, hash: createHash('sha256').update(text).digest('hex'), config: parseHallConfig(json, file) };
}

export function parseHallConfig(json: unknown, origin = 'the hall config'): HallConfig {
  const r = HallConfig.safeParse(json);
  if (!r.success) throw new ConfigError(`${origin} is not a valid hall config:\n${describeIssues(r.error)}`);
  return r.data;
}

/** One line per problem, each starting with the field it is about: "  counters[1].label: duplicate counter label". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.map((k, n) => (typeof k === 'number' ? `[${k}]` : `${n === 0 ? '' : '.'}${String(k)}`)).join('');
      return `  ${where || '(top level)'}: ${i.message}`;
    })
    .join('\n');
}
