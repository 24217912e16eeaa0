import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './database.js';

/**
 * Checks that the database the server has open is still the database on disk and is intact. The health route and
 * the start call these; writes are refused while a check fails (see `StorageState`).
 */

/** The file's identity on disk: a deleted and re-created (or replaced) file has another inode. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function fileIdentity(file: string): FileIdentity | null {
  try {
    const s = statSync(file);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

/** Why the open file is not the one on disk, or null when it is. */
export function identityProblem(file: string, opened: FileIdentity): string | null {
  const now = fileIdentity(file);
  if (!now) return `The database file ${file} was deleted while the server was running.`;
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    return `The database file ${file} was replaced by another file while the server was running.`;
  }
  return null;
}

/** `PRAGMA quick_check`: the problems SQLite found (at most `max`), or none. */
export function quickCheck(db: Db, max = 10): string[] {
  const rows = db.pragma(`quick_check(${Math.max(1, Math.floor(max))})`) as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  return problems;
}

/** The newest file in the backups folder (by modification time), or null when there is none. */
export function latestBackup(dir: string): string | null {
  let best: { file: string; mtime: number } | null = null;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const file = path.join(dir, name);
    try {
      const s = statSync(file);
      if (s.isFile() && s.size > 0 && (!best || s.mtimeMs > best.mtime)) best = { file, mtime: s.mtimeMs };
    } catch {
      // gone meanwhile
    }
  }
  return best?.file ?? null;
}

/** The sentence that tells an operator where to go from a broken database. */
export function backupAdvice(backupsDir: string): string {
  const latest = latestBackup(backupsDir);
  return latest
    ? `The latest backup is ${latest}: stop Vuoro, move the broken file away and restore that backup.`
    : `There is no backup in ${backupsDir}: move the broken file away to start with an empty database.`;
}

/** Raised at start when the database file cannot be used; the process prints the message and stops. */
export class DatabaseUnusableError extends Error {
  override name = 'DatabaseUnusableError';
}

/** SQLite result codes that mean the storage, not the request, is at fault. */
const STORAGE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'];

export function storageErrorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'ENOSPC') return 'SQLITE_FULL';
  return STORAGE_CODES.find((c) => code === c || code.startsWith(`${c}_`)) ?? null;
}

export type StorageProblemKind = 'replaced' | 'corrupt' | 'full' | 'io';

export interface StorageProblem {
  kind: StorageProblemKind;
  message: string;
  since: number;
}

/**
 * What is wrong with the storage now, if anything. The first report of each kind is logged as one clear line; a
 * replaced or deleted database file turns the connection read-only, so nothing is written to a file that will not
 * be there at the next start. A full disk clears itself once a write succeeds again.
 */
export class StorageState {
  private readonly current = new Map<StorageProblemKind, StorageProblem>();

  constructor(
    private readonly db: Db,
    readonly file: string,
    private readonly opened: FileIdentity | null,
    readonly backupsDir: string,
    private readonly log: (msg: string) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  problems(): StorageProblem[] {
    return [...this.current.values()];
  }

  /** The problem that stops writing, if any (a deleted/replaced or corrupt database, a full disk). */
  writeProblem(): StorageProblem | undefined {
    this.checkIdentity();
    return this.current.get('replaced') ?? this.current.get('corrupt') ?? this.current.get('full');
  }

  /** Compares the open file with the one on disk; cheap (one stat). */
  checkIdentity(): StorageProblem | undefined {
    if (!this.opened || this.current.has('replaced')) return this.current.get('replaced');
    const why = identityProblem(this.file, this.opened);
    if (!why) return undefined;
    if (this.db.open) this.db.pragma('query_only = ON');
    return this.report('replaced', `${why} Vuoro refuses changes until it is restarted; what was saved since the last backup is lost. ${backupAdvice(this.backupsDir)}`);
  }

  /** Runs `PRAGMA quick_check` now (on demand); a corrupt file is reported. */
  quickCheck(): string[] {
    const problems = quickCheck(this.db);
    if (problems.length > 0) {
      this.report('corrupt', `The database file ${this.file} is damaged (${problems[0]}). ${backupAdvice(this.backupsDir)}`);
    }
    return problems;
  }

  /** A failed write or read: records why when the storage is at fault. Returns the problem, or undefined. */
  noteError(err: unknown): StorageProblem | undefined {
    const code = storageErrorCode(err);
    if (!code) return undefined;
    this.checkIdentity();
    if (this.current.has('replaced')) return this.current.get('replaced');
    switch (code) {
      case 'SQLITE_FULL':
        return this.report('full', `The disk holding ${this.file} is full: tickets cannot be issued or changed until space is freed.`);
      case 'SQLITE_CORRUPT':
      case 'SQLITE_NOTADB':
        return this.report('corrupt', `The database file ${this.file} is damaged (${code}). ${backupAdvice(this.backupsDir)}`);
      default:
        return this.report('io', `The database file ${this.file} cannot be read or written (${String((err as { code?: unknown }).code)}).`);
    }
  }

  /** A write succeeded: a full disk or an I/O error has passed. */
  noteWriteOk(): void {
    if (this.current.delete('full')) this.log(`Storage: the disk holding ${this.file} accepts writes again.`);
    this.current.delete('io');
  }

  private report(kind: StorageProblemKind, message: string): StorageProblem {
    const known = this.current.get(kind);
    if (known) return known;
    const p: StorageProblem = { kind, message, since: this.now() };
    this.current.set(kind, p);
    this.log(`Storage: ${message}`);
    return p;
  }
}
