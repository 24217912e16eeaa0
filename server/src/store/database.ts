import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Opens (or creates) the database file, applies pending migrations in one transaction, and refuses a database
 * written by a newer Vuoro. One process owns the file: that is what makes call-next race-free.
 */
/** Called before pending migrations run on an existing database (from > 0): the place for a backup. Throwing stops the start. */
export type BeforeMigrate = (db: Db, from: number, to: number) => void;

export function openDatabase(file: string, migrations = loadMigrations(), beforeMigrate?: BeforeMigrate): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db, migrations, beforeMigrate);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Applies every migration the database has not had, in file order, recorded by name in `schema_migrations`, so a
 * migration numbered below one already applied (branches landing out of order) still runs. Databases from before
 * that ledger had every migration up to `user_version`. `user_version` still holds the highest applied number: it is
 * what the backup files' headers and the "newer than this Vuoro" check read.
 */
export function migrate(db: Db, migrations: readonly Migration[], beforeMigrate?: BeforeMigrate): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(`The database is at schema version ${current}, newer than this Vuoro (${latest}). Upgrade Vuoro.`);
  }
  const hasLedger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const applied = new Set<string>(
    hasLedger
      ? (db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[])
      : migrations.filter((m) => m.version <= current).map((m) => m.name),
  );
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...applied].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`The database has migrations this Vuoro does not know (${unknown.join(', ')}): it was written by a newer Vuoro. Upgrade Vuoro.`);
  }
  const pending = migrations.filter((m) => !applied.has(m.name));
  if (pending.length === 0 && hasLedger) return;
  if (current > 0 && pending.length > 0) beforeMigrate?.(db, current, Math.max(current, ...pending.map((m) => m.version)));
  db.transaction(() => {
    if (!hasLedger) db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    // Prepared once, after the ledger exists (it may just have been created).
    const insert = db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    const record = (name: string) => insert.run(name);
    if (!hasLedger) for (const name of applied) record(name);
    let version = current;
    for (const m of pending) {
      try {
        db.exec(m.sql);
      } catch (err) {
        // Thrown inside the transaction: every migration of this start is rolled back together.
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}. The database is unchanged (schema ${current}).`, { cause: err });
      }
      record(m.name);
      version = Math.max(version, m.version);
    }
    db.pragma(`user_version = ${version}`);
  }).exclusive();
}
