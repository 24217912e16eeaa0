import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, CatalogueEntry, EventView, HallConfig, ServiceConfig, ServiceStatus } from '../../server/src/protocol/index.js';
import { startCentral, type TestCentral } from '../support/central.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSPORTS = {
  en: 'Passports and ID cards',
  fi: 'Passit ja henkilökortit',
  sv: 'Pass och id-kort',
  de: 'Pässe und Ausweise',
  nl: 'Paspoorten en id-kaarten',
  fr: 'Passeports et cartes d’identité',
};

describe('central service catalogue: a hall follows an entry and takes its changes when it next connects', () => {
  let pg: TestPostgres;
  let central: TestCentral;
  let hall: TestServer;
  let centralAdmin: string;
  let hallAdmin: string;

  const identity = async () => (await hall.api<ServiceStatus[]>('GET', '/api/v1/services')).body.find((s) => s.id === 'identity')!;
  const until = async (what: string, ok: () => Promise<boolean>) => {
    const end = Date.now() + 20_000;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    pg = await startPostgres();
    central = await startCentral(await pg.database());
    centralAdmin = await central.login('admin');
    const cred = await central.registerHall('north', 'North hall');
    hall = await startServer({ env: { VUORO_CENTRAL_URL: central.url, VUORO_CENTRAL_TOKEN: cred.token } });
    hallAdmin = await hall.login('admin');
  }, 60_000);

  afterAll(async () => {
    await hall?.dispose();
    await central?.stop();
    await pg?.stop();
  });

  it('a subscribed service takes the entry\'s names, what to prepare and target; hours and prefix stay local; event and audit record it', async () => {
    const put = await central.api<CatalogueEntry>('PUT', '/api/v1/central/catalogue/passport', {
      token: centralAdmin,
      body: { name: PASSPORTS, prepare: { en: 'Bring a passport photo.', fi: 'Ota mukaan passikuva.' }, targetMinutes: 12 },
    });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(1);
    const config = (await hall.api<HallConfig>('GET', '/api/v1/admin/config', { token: hallAdmin })).body;
    const before = config.services.find((s) => s.id === 'identity')!;
    const sub = await hall.api<ServiceConfig>('PUT', '/api/v1/admin/services/identity', { token: hallAdmin, body: { ...before, catalogue: { id: 'passport', version: 0 } } });
    expect(sub.status).toBe(200);

    await until('the catalogue entry at the hall', async () => (await identity()).name.en === PASSPORTS.en);
    const now = await identity();
    expect(now.name).toEqual(PASSPORTS);
    expect(now.targetMinutes).toBe(12);
    const after = (await hall.api<HallConfig>('GET', '/api/v1/admin/config', { token: hallAdmin })).body.services.find((s) => s.id === 'identity')!;
    expect(after.prepare?.fi).toBe('Ota mukaan passikuva.');
    expect(after.prefix).toBe(before.prefix);
    expect(after.hours).toEqual(before.hours);
    expect(after.catalogue).toEqual({ id: 'passport', version: 1 });

    const events = (await hall.api<EventView[]>('GET', '/api/v1/events?after=0&limit=1000', { token: hallAdmin })).body;
    expect(events.filter((e) => e.type === 'config_changed').map((e) => e.data?.what)).toContain('catalogue:identity');
    const audit = (await hall.api<AuditEntryView[]>('GET', '/api/v1/audit?kind=service.catalogue', { token: hallAdmin })).body;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('central');
    expect(audit[0]!.target).toBe('identity');
  });

  it('a change at central reaches the hall with its next batch, once', async () => {
    const put = await central.api<CatalogueEntry>('PUT', '/api/v1/central/catalogue/passport', { token: centralAdmin, body: { name: PASSPORTS, targetMinutes: 9 } });
    expect(put.body.version).toBe(2);
    expect((await hall.api('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } })).status).toBe(201);
    await until('version 2 at the hall', async () => (await identity()).targetMinutes === 9);
    // What to prepare stays as it was when the entry has none.
    const config = (await hall.api<HallConfig>('GET', '/api/v1/admin/config', { token: hallAdmin })).body;
    expect(config.services.find((s) => s.id === 'identity')!.prepare?.fi).toBe('Ota mukaan passikuva.');
    expect((await hall.api('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1000));
    const audit = (await hall.api<AuditEntryView[]>('GET', '/api/v1/audit?kind=service.catalogue', { token: hallAdmin })).body;
    expect(audit).toHaveLength(2);
  });

  it('only the central admin writes the catalogue, and a bad entry is refused', async () => {
    const list = await central.api<CatalogueEntry[]>('GET', '/api/v1/central/catalogue', { token: centralAdmin });
    expect(list.body.map((e) => e.id)).toEqual(['passport']);
    const cred = await central.registerHall('south', 'South hall');
    const byHall = await central.api('PUT', '/api/v1/central/catalogue/passport', { token: cred.token, body: { name: PASSPORTS, targetMinutes: 1 } });
    expect(byHall.status).toBe(401);
    const bad = await central.api('PUT', '/api/v1/central/catalogue/passport', { token: centralAdmin, body: { name: PASSPORTS, targetMinutes: 0 } });
    expect(bad.status).toBe(422);
    const nameless = await central.api<{ error: { details: { issues: { path: string; message: string }[] } } }>('PUT', '/api/v1/central/catalogue/passport', { token: centralAdmin, body: { name: {}, targetMinutes: 10 } });
    expect(nameless.status).toBe(422);
    expect(nameless.body.error.details.issues[0]).toEqual({ path: 'name', message: 'Give the name in at least one language.' });
    const after = await central.api<CatalogueEntry[]>('GET', '/api/v1/central/catalogue', { token: centralAdmin });
    expect(after.body).toEqual(list.body);
  });
});
