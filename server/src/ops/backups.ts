import { mkdirSync, openSync, readSync, closeSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/index.js';
import type { BackupStatus, BackupView } from '../protocol/index.js';
import { BACKUP_PAGES_PER_STEP, copyDatabase, inspectDatabaseFile, vacuumInto } from '../store/backupFile.js';
import type { Db } from '../store/index.js';

export type BackupTrigger = BackupView['trigger'];

const NAME = /^vuoro-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(schedule|manual|cli|upgrade)\.db$/;

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // the folder itself is the problem; the error reported says so
  }
}

/** vuoro-2026-03-04T02-30-00-000Z-schedule.db: sortable, and tells when and why. */
export function backupName(at: number, trigger: BackupTrigger): string {
  return `vuoro-${new Date(at).toISOString().replace(/[:.]/g, '-')}-${trigger}.db`;
}

function takenAtOf(stamp: string): number {
  const [date, time] = stamp.split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  return Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
}

/** The schema version from a SQLite file's header (user_version, bytes 60–63), without opening it as a database. */
export function headerSchemaVersion(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4);
    return readSync(fd, buf, 0, 4, 60) === 4 ? buf.readInt32BE(0) : 0;
  } finally {
    closeSync(fd);
  }
}

/** The verified backups in a folder, newest first. Only verified copies carry the final name. */
export function listBackups(folder: string): BackupView[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupView[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const file = path.join(folder, name);
    try {
      out.push({
        name,
        sizeBytes: statSync(file).size,
        takenAt: takenAtOf(m[1]!),
        verified: true,
        schemaVersion: headerSchemaVersion(file),
        trigger: m[2] as BackupTrigger,
      });
    } catch {
      // removed while listing
    }
  }
  return out.sort((a, b) => b.takenAt - a.takenAt);
}

export interface BackupSettings {
  folder: string;
  keep: number;
  /** "02:30", or null when scheduled backups are off. */
  dailyAt: string | null;
}

/**
 * Online backups of the live database into a folder (a network share in practice): copied a few pages at a time,
 * checked with integrity_check in a worker thread, then given their final name; the oldest beyond `keep` removed.
 * One backup runs at a time.
 */
export class BackupService {
  private current: Promise<BackupView> | undefined;
  private lastError: string | null = null;

  constructor(
    private readonly db: Db,
    readonly settings: BackupSettings,
    private readonly now: () => number,
    /** Pages per step; a huge number copies in one step (the CLI's own connection, which would restart on every server write). */
    private readonly pagesPerStep = BACKUP_PAGES_PER_STEP,
  ) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Takes a backup now; a second request while one runs is refused with 409. */
  run(trigger: BackupTrigger): Promise<BackupView> {
    if (this.current) return Promise.reject(new DomainError('conflict', 'A backup is being taken right now; try again when it has finished.'));
    const p = this.take(trigger).finally(() => {
      this.current = undefined;
    });
    this.current = p;
    return p;
  }

  private async take(trigger: BackupTrigger): Promise<BackupView> {
    const { folder } = this.settings;
    const at = this.now();
    const name = backupName(at, trigger);
    // A dot name: never taken for a backup while it is being written (see latestBackup).
    const partial = path.join(folder, `.${name}.partial`);
    try {
      mkdirSync(folder, { recursive: true });
      rmSync(partial, { force: true });
      await copyDatabase(this.db, partial, this.pagesPerStep);
      const report = await inspectDatabaseFile(partial, { standalone: true });
      if (!report.intact || !report.vuoro) {
        throw new Error(`the copy failed its check: ${report.problems.join('; ') || 'not a Vuoro database'}`);
      }
      renameSync(partial, path.join(folder, name));
      this.lastError = null;
      this.prune();
      return { name, sizeBytes: statSync(path.join(folder, name)).size, takenAt: at, verified: true, schemaVersion: report.schemaVersion, trigger };
    } catch (err) {
      removeQuietly(partial);
      removeQuietly(`${partial}-journal`);
      this.lastError = `Backup ${name} failed: ${(err as Error).message}`;
      throw new DomainError('backup_failed', this.lastError);
    }
  }

  /** Keeps the newest `keep` backups; copies taken before an upgrade are kept apart and never pruned here. */
  private prune(): void {
    const regular = listBackups(this.settings.folder).filter((b) => b.trigger !== 'upgrade');
    for (const old of regular.slice(this.settings.keep)) rmSync(path.join(this.settings.folder, old.name), { force: true });
  }

  /** Resolves when no backup is running (before the database is closed). */
  async settle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  list(): BackupView[] {
    return listBackups(this.settings.folder);
  }

  latest(): BackupView | null {
    return this.list()[0] ?? null;
  }

  error(): string | null {
    return this.lastError;
  }

  status(): BackupStatus {
    return { folder: this.settings.folder, dailyAt: this.settings.dailyAt, keep: this.settings.keep, running: this.running, backups: this.list(), lastError: this.lastError };
  }

  /** The path of a listed backup (for the CLI and downloads); undefined for any other name. */
  pathOf(name: string): string | undefined {
    return NAME.test(name) && this.list().some((b) => b.name === name) ? path.join(this.settings.folder, name) : undefined;
  }
}

/**
 * A copy of the database as it is before an upgrade changes its schema, taken synchronously at start (VACUUM INTO:
 * one consistent, compact file) and checked with quick_check. Throws when it cannot be made: then nothing is migrated.
 */
export function backupBeforeUpgrade(db: Db, folder: string, at: number, check: (file: string) => void): string {
  const name = backupName(at, 'upgrade');
  const file = path.join(folder, name);
  const partial = path.join(folder, `.${name}.partial`);
  try {
    mkdirSync(folder, { recursive: true });
    removeQuietly(partial);
    vacuumInto(db, partial);
    check(partial);
    renameSync(partial, file);
    return file;
  } catch (err) {
    removeQuietly(partial);
    throw new Error(`Could not back up the database before upgrading it (${(err as Error).message}). Nothing was changed; check VUORO_BACKUP_DIR and the free space.`, { cause: err });
  }
}
