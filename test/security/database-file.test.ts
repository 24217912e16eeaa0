import { copyFileSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

interface Health {
  status: string;
  storage?: { kind: string; message: string }[];
}

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose().catch(() => undefined);
});

async function start(opts: Parameters<typeof startServer>[0] = {}): Promise<{ server: TestServer; logged: string[] }> {
  const logged: string[] = [];
  const server = await startServer({ ...opts, log: (m) => logged.push(m) });
  servers.push(server);
  return { server, logged };
}

const issue = (s: TestServer) => s.api<ErrorBody>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });

describe('the database file vanishing or being replaced while the server runs', () => {
  it('a deleted database (and its WAL): writes are refused with 503 saying why, health is not OK, one clear log line', async () => {
    const { server, logged } = await start();
    expect((await issue(server)).status).toBe(201);
    const db = path.join(server.dataDir, 'vuoro.db');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

    const refused = await issue(server);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('storage_unavailable');
    expect(refused.body.error.message).toMatch(/deleted while the server was running/);
    const health = await server.api<Health>('GET', '/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('error');
    expect(health.body.storage?.[0]?.kind).toBe('replaced');
    const staff = await server.login('city-staff').catch((e: Error) => e.message);
    expect(staff).toMatch(/503/);
    expect((await issue(server)).status).toBe(503);
    expect(logged.filter((l) => /deleted while the server was running/.test(l))).toHaveLength(1);
  });

  it('a database file replaced by another one (a new inode) is detected the same way', async () => {
    const { server } = await start();
    expect((await issue(server)).status).toBe(201);
    const db = path.join(server.dataDir, 'vuoro.db');
    copyFileSync(db, `${db}.copy`);
    renameSync(`${db}.copy`, db);
    expect((await server.api<Health>('GET', '/api/v1/health')).body.storage?.[0]?.message).toMatch(/replaced by another file/);
    expect((await issue(server)).status).toBe(503);
  });

  it('an untouched database stays healthy', async () => {
    const { server } = await start();
    expect((await issue(server)).status).toBe(201);
    expect(await server.api<Health>('GET', '/api/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe('a full disk never turns issuing into a silent 500', () => {
  it('SQLITE_FULL answers 503 storage_unavailable, health says the disk is full, one log line; it recovers when space is back', async () => {
    const { server, logged } = await start();
    const db = server.app.store.db;
    // The database may not grow past its current size: the next page it needs is "disk full" (SQLITE_FULL).
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const statuses: number[] = [];
    let full: { status: number; body: ErrorBody } | undefined;
    for (let i = 0; i < 400 && !full; i += 1) {
      const r = await issue(server);
      statuses.push(r.status);
      if (r.status !== 201) full = r;
    }
    expect(full?.status).toBe(503);
    expect(full?.body.error.code).toBe('storage_unavailable');
    expect(full?.body.error.message).toMatch(/disk .* is full/);
    expect(statuses).not.toContain(500);
    const health = await server.api<Health>('GET', '/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.storage?.map((p) => p.kind)).toEqual(['full']);
    expect((await issue(server)).status).toBe(503);
    expect(logged.filter((l) => /is full/.test(l))).toHaveLength(1);
    expect(logged.filter((l) => / failed$/.test(l))).toEqual([]);

    db.pragma(`max_page_count = ${pages * 100}`);
    expect((await issue(server)).status).toBe(201);
    expect((await server.api<Health>('GET', '/api/v1/health')).body.status).toBe('ok');
  });
});

describe('a damaged database file', () => {
  /** Overwrites every page after the first two with noise, as a failing disk would. */
  function corrupt(file: string): void {
    const size = statSync(file).size;
    const pageSize = readFileSync(file).readUInt16BE(16) || 65536;
    const fd = openSync(file, 'r+');
    const noise = Buffer.alloc(pageSize, 0x5a);
    for (let at = 2 * pageSize; at < size; at += pageSize) writeSync(fd, noise, 0, Math.min(pageSize, size - at), at);
    closeSync(fd);
  }

  it('refuses to start, saying the file is damaged and naming the latest backup', async () => {
    const { server } = await start();
    for (let i = 0; i < 30; i += 1) expect((await issue(server)).status).toBe(201);
    await server.stop();
    const backups = path.join(server.dataDir, 'backups');
    mkdirSync(backups);
    writeFileSync(path.join(backups, 'vuoro-2026-11-30.db'), 'old');
    const latest = path.join(backups, 'vuoro-2026-12-01.db');
    writeFileSync(latest, 'newer');
    const old = new Date(Date.now() - 86_400_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(path.join(backups, 'vuoro-2026-11-30.db'), old, old);
    corrupt(path.join(server.dataDir, 'vuoro.db'));
    await expect(startServer({ dataDir: server.dataDir })).rejects.toThrow(/damaged/);
    await expect(startServer({ dataDir: server.dataDir })).rejects.toThrow(`The latest backup is ${latest}`);
  });

  it('without backups it says where they would be', async () => {
    const { server } = await start();
    for (let i = 0; i < 30; i += 1) await issue(server);
    await server.stop();
    corrupt(path.join(server.dataDir, 'vuoro.db'));
    await expect(startServer({ dataDir: server.dataDir })).rejects.toThrow(`There is no backup in ${path.join(server.dataDir, 'backups')}`);
  });

  it('a file that is not a database at all is refused the same way', async () => {
    const { server } = await start();
    await server.stop();
    const file = path.join(server.dataDir, 'vuoro.db');
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    await expect(startServer({ dataDir: server.dataDir })).rejects.toThrow(/cannot use the database file[\s\S]*damaged/);
  });

  it('an admin can run the check on demand', async () => {
    const { server } = await start();
    const admin = await server.login('admin');
    const r = await server.api<{ ok: boolean; problems: string[] }>('POST', '/api/v1/admin/database/check', { token: admin });
    expect(r.body).toMatchObject({ ok: true, problems: [] });
    expect((await server.api('POST', '/api/v1/admin/database/check', { token: await server.login('city-supervisor') })).status).toBe(403);
  });
});
