import { pino, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSettings {
  level: LogLevel;
  /** `pretty` for a person at a terminal, `json` for the journal or a log shipper. */
  format: 'pretty' | 'json';
}

/** Anything that looks like a secret is never written, whichever field it ends up in. */
const REDACT = [
  'password',
  'token',
  'authorization',
  '*.password',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.statusToken',
];

/**
 * The process logger: one JSON object per line (pino), or coloured single lines when a person watches a terminal.
 * Pretty printing runs in the same thread (no worker), so a crash never loses its last lines.
 */
export function createLogger(settings: LogSettings, destination: NodeJS.WritableStream = process.stdout): Logger {
  const options = {
    level: settings.level,
    base: { pid: process.pid },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (settings.format === 'pretty') {
    return pino(options, pretty({ destination, colorize: destination === process.stdout && process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid', sync: true }));
  }
  return pino(options, destination === process.stdout ? pino.destination({ dest: 1, sync: true }) : destination);
}

/** The default format: pretty when standard output is a terminal, JSON otherwise (systemd, Docker, a pipe). */
export function defaultLogFormat(isTTY = process.stdout.isTTY === true): LogSettings['format'] {
  return isTTY ? 'pretty' : 'json';
}

/** A logger that writes nothing (tests that do not look at the log). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** The older `log(message, error?)` callback used across the server, written through the logger. */
export function logFunction(logger: Logger): (msg: string, err?: unknown) => void {
  return (msg, err) => {
    if (err === undefined || err === '') logger.warn(msg);
    else logger.error({ err }, msg);
  };
}
