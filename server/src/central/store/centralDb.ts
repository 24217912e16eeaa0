import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** The central server's PostgreSQL: a connection pool and numbered SQL migrations, applied once at start. */

export type CentralDb = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
/** Held while migrating, so two central processes starting together do not both migrate. */
const MIGRATION_LOCK = 7_150_815;

// bigint and numeric (sums) arrive as JavaScript numbers: every value we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
}

export function loadCentralMigrations(dir = MIGRATIONS_DIR): CentralMigration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(path.join(dir, f), 'utf8') }));
}

export async function openCentralDb(url: string, migrations = loadCentralMigrations()): Promise<CentralDb> {
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'vuoro-central' });
  pool.on('error', () => undefined); // an idle client's connection dropped: the pool replaces it on next use
  try {
    await migrateCentral(pool, migrations);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pool;
}

/** Applies pending migrations in one transaction; refuses a database migrated by a newer Vuoro. */
export async function migrateCentral(pool: CentralDb, migrations: readonly CentralMigration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) throw new Error(`The central database is at schema version ${current}, newer than this Vuoro (${latest}). Upgrade Vuoro.`);
    for (const m of migrations.filter((x) => x.version > current)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Runs `fn` in one transaction on one pooled connection. */
/** Namespace of the per-hall advisory locks of the projector: one projector per hall, also across central processes. */
const PROJECT_LOCK = 7_150_816;

/** Holds the hall's projection lock until the transaction of `c` ends. */
export async function lockHallProjection(c: pg.PoolClient, hallId: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROJECT_LOCK, hallId]);
}

export async function inTransaction<T>(pool: CentralDb, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
