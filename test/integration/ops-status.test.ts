import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, OpsStatus, ScreenWelcome } from '../../server/src/protocol/index.js';
import { loadMigrations } from '../../server/src/store/database.js';
import { joinSocket, startServer, type ClientSocket, type TestServer } from '../support/server.js';

function hello(socket: ClientSocket, payload: unknown): Promise<Ack<ScreenWelcome>> {
  return new Promise((resolve) => socket.emit('screen:hello', payload as never, resolve));
}

describe('the status at a glance for the admin', () => {
  let server: TestServer;
  let admin: string;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
    admin = await server.login('admin');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.dispose();
  });

  it('shows version, schema, uptime, database size, disk, health, backups, devices and the retention policy', async () => {
    const r = await server.api<OpsStatus>('GET', '/api/v1/admin/status', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      schemaVersion: loadMigrations().at(-1)!.version,
      database: { file: expect.stringMatching(/vuoro\.db$/), sizeBytes: expect.any(Number) },
      health: { status: 'ok', ready: true },
      lastBackup: null,
      backupError: null,
      devices: [],
      screens: [],
      retention: { needsDays: 7, notesDays: 30, commentsDays: 90, statusTokensDays: 2, lastRun: null },
    });
    expect(r.body.database.sizeBytes).toBeGreaterThan(0);
    expect(r.body.disk.freeBytes).toBeGreaterThan(0);
    expect(r.body.disk.totalBytes).toBeGreaterThanOrEqual(r.body.disk.freeBytes);
    expect(r.body.uptimeSeconds).toBeGreaterThanOrEqual(0);

    expect((await server.api('POST', '/api/v1/admin/backups', { token: admin })).status).toBe(201);
    const after = await server.api<OpsStatus>('GET', '/api/v1/admin/status', { token: admin });
    expect(after.body.lastBackup).toMatchObject({ trigger: 'manual', verified: true });
  });

  it('lists connected displays and kiosks with their last contact and clock skew, not staff or visitors', async () => {
    const display = await joinSocket(server.url, { role: 'display', displayId: 'hall' });
    const kiosk = await joinSocket(server.url, { role: 'kiosk', kioskId: 'entrance' });
    const staff = await joinSocket(server.url, { role: 'staff', token: admin });
    sockets.push(display.socket, kiosk.socket, staff.socket);
    const welcome = await hello(display.socket, { clock: Date.now() + 90_000, version: '0.0.9' });
    expect(welcome).toMatchObject({ ok: true, data: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
    expect(await hello(kiosk.socket, { clock: Date.now() - 3_000, version: null })).toMatchObject({ ok: true });

    const r = await server.api<OpsStatus>('GET', '/api/v1/admin/status', { token: admin });
    expect(r.body.screens).toHaveLength(2);
    const [d, k] = r.body.screens;
    expect(d).toMatchObject({ role: 'display', profileId: 'hall', version: '0.0.9', address: expect.stringContaining('127.0.0.1') });
    expect(k).toMatchObject({ role: 'kiosk', profileId: 'entrance', version: null });
    expect(Math.abs(d!.clockSkewMs! - 90_000)).toBeLessThan(5_000);
    expect(Math.abs(k!.clockSkewMs! + 3_000)).toBeLessThan(5_000);
    expect(d!.lastContact).toBeGreaterThanOrEqual(d!.connectedAt);

    display.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await server.api<OpsStatus>('GET', '/api/v1/admin/status', { token: admin });
    expect(later.body.screens.map((s) => s.role)).toEqual(['kiosk']);
  });

  it('a malformed hello is answered with a clear error and changes nothing', async () => {
    const kiosk = await joinSocket(server.url, { role: 'kiosk' });
    sockets.push(kiosk.socket);
    for (const bad of [null, { clock: 'soon', version: null }, { clock: 1, version: 'x'.repeat(500) }, { clock: 1, version: null, extra: true }]) {
      const r = await hello(kiosk.socket, bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    }
    expect((await server.api('GET', '/api/v1/health')).status).toBe(200);
  });

  it('is for admins only', async () => {
    expect((await server.api('GET', '/api/v1/admin/status')).status).toBe(401);
    expect((await server.api('GET', '/api/v1/admin/status', { token: await server.login('city-supervisor') })).status).toBe(403);
  });
});
