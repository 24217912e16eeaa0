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

export function migrate(db: Db, migrations: readonly Migration[], beforeMigrate?: BeforeMigrate): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database is at schema version ${current}, newer than this Vuoro (${latest}). Upgrade Vuoro.`);
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  const target = pending.at(-1)?.version ?? current;
  if (current > 0) beforeMigrate?.(db, current, target);
  db.transaction(() => {
    for (const m of pending) {
      try {
        db.exec(m.sql);
      } catch (err) {
        // Thrown inside the transaction: every migration of this start is rolled back together.
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}. The database is unchanged (schema ${current}).`, { cause: err });
      }
      db.pragma(`user_version = ${m.version}`);
    }
  }).exclusive();
}
