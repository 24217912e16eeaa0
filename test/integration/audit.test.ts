import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, ErrorBody, HallConfig, UserView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('the audit log records every administrative and supervisory action', () => {
  let server: TestServer;
  let admin: string;
  let supervisor: string;
  let countySupervisor: string;
  let staff: string;

  beforeAll(async () => {
    server = await startServer();
    [admin, supervisor, countySupervisor, staff] = await Promise.all([
      server.login('admin'),
      server.login('city-supervisor'),
      server.login('county-supervisor'),
      server.login('city-staff'),
    ]);
  });
  afterAll(() => server.dispose());

  const latest = async (kind: string): Promise<AuditEntryView[]> =>
    (await server.api<AuditEntryView[]>('GET', `/api/v1/audit?kind=${kind}`, { token: admin })).body;

  it('each action leaves exactly one record with who, what, before/after and from where', async () => {
    const config = (await server.api<HallConfig>('GET', '/api/v1/admin/config', { token: admin })).body;
    const parking = config.services.find((s) => s.id === 'parking');
    if (!parking) throw new Error('demo hall has no parking service');
    const counter7 = config.counters.find((c) => c.id === '7');
    if (!counter7) throw new Error('demo hall has no counter 7');
    const actions: [kind: string, act: () => Promise<{ status: number }>, check: (e: AuditEntryView) => void][] = [
      ['announcement.set', () => server.api('PUT', '/api/v1/announcement', { token: supervisor, body: { text: 'Closing at 15:00' } }), (e) => {
        expect(e.before).toEqual({ text: null });
        expect(e.after).toEqual({ text: 'Closing at 15:00' });
        expect(e.actor).toBe('city-supervisor');
        expect(e.actorRole).toBe('supervisor');
      }],
      ['service.stop', () => server.api('PUT', '/api/v1/services/parking/stopped', { token: supervisor, body: { stopped: true } }), (e) => {
        expect([e.target, e.before, e.after]).toEqual(['parking', { stopped: false }, { stopped: true }]);
      }],
      ['service.restart', () => server.api('PUT', '/api/v1/services/parking/stopped', { token: supervisor, body: { stopped: false } }), (e) => {
        expect([e.before, e.after]).toEqual([{ stopped: true }, { stopped: false }]);
      }],
      ['counter.profile', () => server.api('PUT', '/api/v1/counters/1/profile', { token: supervisor, body: { services: [{ serviceId: 'identity', weight: 3 }] } }), (e) => {
        expect(e.target).toBe('1');
        expect(e.after).toEqual({ services: [{ serviceId: 'identity', weight: 3 }] });
        expect((e.before as { services: unknown[] }).services.length).toBeGreaterThan(1);
      }],
      ['service.update', () => server.api('PUT', '/api/v1/admin/services/parking', { token: admin, body: { ...parking, targetMinutes: 33 } }), (e) => {
        expect(e.target).toBe('parking');
        expect((e.before as { targetMinutes?: number }).targetMinutes).toBe(parking.targetMinutes);
        expect((e.after as { targetMinutes: number }).targetMinutes).toBe(33);
      }],
      ['counter.create', () => server.api('POST', '/api/v1/admin/counters', { token: admin, body: { ...counter7, id: '8', label: '8' } }), (e) => {
        expect([e.target, e.before]).toEqual(['8', null]);
        expect((e.after as { label: string }).label).toBe('8');
      }],
      ['counter.delete', () => server.api('DELETE', '/api/v1/admin/counters/8', { token: admin }), (e) => {
        expect([e.target, e.after]).toEqual(['8', null]);
        expect((e.before as { id: string }).id).toBe('8');
      }],
      ['config.import', () => server.api('PUT', '/api/v1/admin/config', { token: admin, body: { ...config, messages: [] } }), (e) => {
        expect((e.before as HallConfig).services.length).toBe(config.services.length);
        expect((e.after as HallConfig).messages).toEqual([]);
      }],
      ['user.create', () => server.api('POST', '/api/v1/admin/users', { token: admin, body: { username: 'new-staff', displayName: 'New Staff', password: 'a-long-password', role: 'staff', organisationId: 'city' } }), (e) => {
        expect(e.before).toBeNull();
        expect(e.after).toMatchObject({ username: 'new-staff', role: 'staff', organisationId: 'city', disabled: false });
        expect(JSON.stringify(e.after)).not.toMatch(/scrypt|password-hash|a-long-password/);
      }],
    ];
    for (const [kind, act, check] of actions) {
      const before = (await latest(kind)).length;
      const r = await act();
      expect(r.status, kind).toBeLessThan(300);
      const entries = await latest(kind);
      expect(entries.length, kind).toBe(before + 1);
      const e = entries[0];
      if (!e) throw new Error(`no ${kind} record`);
      expect(e.sourceIp).toMatch(/127\.0\.0\.1/);
      expect(Math.abs(e.at - Date.now())).toBeLessThan(60_000);
      check(e);
    }

    const created = (await server.api<UserView[]>('GET', '/api/v1/admin/users', { token: admin })).body.find((u) => u.username === 'new-staff');
    await server.api('PATCH', `/api/v1/admin/users/${created?.id}`, { token: admin, body: { role: 'supervisor', password: 'another-long-one' } });
    const [update] = await latest('user.update');
    expect(update?.before).toMatchObject({ role: 'staff' });
    expect(update?.after).toMatchObject({ role: 'supervisor', passwordChanged: true });
    expect(JSON.stringify(update)).not.toMatch(/another-long-one/);
  });

  it('a refused action leaves no record', async () => {
    const before = (await server.api<AuditEntryView[]>('GET', '/api/v1/audit?limit=1000', { token: admin })).body.length;
    expect((await server.api('PUT', '/api/v1/admin/services/nope', { token: admin, body: {} })).status).toBe(422);
    expect((await server.api('PUT', '/api/v1/services/nope/stopped', { token: supervisor, body: { stopped: true } })).status).toBe(404);
    expect((await server.api('PUT', '/api/v1/announcement', { token: staff, body: { text: 'x' } })).status).toBe(403);
    expect((await server.api<AuditEntryView[]>('GET', '/api/v1/audit?limit=1000', { token: admin })).body.length).toBe(before);
  });

  it('filters by user, kind and time; a supervisor sees only their organisation; staff may not read it', async () => {
    await server.api('PUT', '/api/v1/announcement', { token: countySupervisor, body: { text: 'County notice' } });
    const all = (await server.api<AuditEntryView[]>('GET', '/api/v1/audit', { token: admin })).body;
    const county = all.find((e) => e.actor === 'county-supervisor');
    if (!county?.userId) throw new Error('no county record');
    const byUser = (await server.api<AuditEntryView[]>('GET', `/api/v1/audit?userId=${county.userId}`, { token: admin })).body;
    expect(byUser.map((e) => e.actor)).toEqual(['county-supervisor']);
    const window = (await server.api<AuditEntryView[]>('GET', `/api/v1/audit?from=${county.at}&to=${county.at + 1}`, { token: admin })).body;
    expect(window.every((e) => e.at === county.at)).toBe(true);
    expect(window.some((e) => e.id === county.id)).toBe(true);
    const future = (await server.api<AuditEntryView[]>('GET', `/api/v1/audit?from=${Date.now() + 3_600_000}`, { token: admin })).body;
    expect(future).toEqual([]);
    const seenByCity = (await server.api<AuditEntryView[]>('GET', '/api/v1/audit', { token: supervisor })).body;
    expect(seenByCity.length).toBeGreaterThan(0);
    expect(seenByCity.every((e) => e.actorOrganisationId === 'city')).toBe(true);
    expect((await server.api<ErrorBody>('GET', '/api/v1/audit', { token: staff })).status).toBe(403);
  });

  it('exports CSV with formula cells neutralised', async () => {
    await server.api('PUT', '/api/v1/announcement', { token: supervisor, body: { text: '=HYPERLINK("http://x","y")' } });
    const res = await fetch(`${server.url}/api/v1/audit?kind=announcement.set&format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('id,time,actor,actorRole,actorOrganisation,kind,target,before,after,from');
    expect(text).toContain('city-supervisor');
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    // The JSON cell holds the text; no cell starts with a formula character.
    for (const line of lines.slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('the database refuses to rewrite or delete audit records', () => {
    const db = server.app.store.db;
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('bad filters are refused with 422', async () => {
    for (const q of ['kind=nope', 'limit=0', 'limit=5000', 'from=abc', 'userId=-1', 'format=xml', 'extra=1']) {
      const r = await server.api<ErrorBody>('GET', `/api/v1/audit?${q}`, { token: admin });
      expect(r.status, q).toBe(422);
      expect(r.body.error.code).toBe('validation_failed');
    }
  });
});
