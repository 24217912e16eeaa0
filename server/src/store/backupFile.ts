import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/** Tables every Vuoro database has since its first release; a file without them is not ours. */
export const VUORO_TABLES = ['tickets', 'events', 'hall_config', 'hall_state', 'users'] as const;

export interface DatabaseFileReport {
  /** `PRAGMA integrity_check` said ok. */
  intact: boolean;
  /** The first problems integrity_check named, or why the file could not be read. */
  problems: string[];
  schemaVersion: number;
  /** It has the Vuoro tables. */
  vuoro: boolean;
}

/** Pages copied per step of an online backup: a step takes well under a millisecond, then the queue gets its turn. */
export const BACKUP_PAGES_PER_STEP = 64;

/** Opens a database file for the backup command (another process may hold it: wait for its locks). */
export function openForBackup(file: string): Db {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** A consistent, compact copy of the open database in one statement (VACUUM INTO), for the backup before an upgrade. */
export function vacuumInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** Rows of each table of a database file, read-only (what a restore reports). */
export function countRows(file: string, tables: readonly string[]): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `dest` with SQLite's online backup API, a few pages at a time between other work, so
 * the queue is never held up for more than one step. Writes by this connection during the copy go into it too.
 */
export async function copyDatabase(db: Db, dest: string, pagesPerStep = BACKUP_PAGES_PER_STEP): Promise<void> {
  await db.backup(dest, { progress: () => pagesPerStep });
}

// Runs in a worker thread: integrity_check reads the whole file, which must not stop the server's event loop.
// Plain JavaScript, so it runs the same from the compiled server and from the tests.
const INSPECT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
parentPort.postMessage(inspect(workerData.file, workerData.tables, workerData.standalone));
function inspect(file, tables, standalone) {
  let db;
  try {
    db = new Database(file, { fileMustExist: true });
    if (standalone) db.pragma('journal_mode = DELETE');
    const rows = db.pragma('integrity_check').map((r) => String(r.integrity_check));
    const names = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    return {
      intact: rows.length === 1 && rows[0] === 'ok',
      problems: rows[0] === 'ok' ? [] : rows.slice(0, 5),
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
      vuoro: tables.every((t) => names.has(t)),
    };
  } catch (err) {
    return { intact: false, problems: [String(err && err.message || err)], schemaVersion: 0, vuoro: false };
  } finally {
    if (db && db.open) db.close();
  }
}
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Checks a database file away from the event loop (a worker thread): integrity, schema version, Vuoro tables.
 * `standalone` first turns the copy into a single self-contained file (no -wal beside it).
 */
export function inspectDatabaseFile(file: string, opts: { standalone?: boolean } = {}): Promise<DatabaseFileReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(INSPECT_SOURCE, {
      eval: true,
      workerData: { file, tables: VUORO_TABLES, driver: driverPath, standalone: opts.standalone === true },
    });
    worker.once('message', (r: DatabaseFileReport) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The database check stopped with code ${code}.`));
    });
  });
}

/** A quick structural check of a copy (PRAGMA quick_check), in this thread: for the backup taken at start. */
export function quickCheckFile(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw new Error(`the copy failed quick_check: ${rows.slice(0, 3).map((r) => r.quick_check).join('; ')}`);
  } finally {
    db.close();
  }
}
