import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_SCOPES,
  type ApiKeyView,
  type ApiScope,
  type AuditEntryView,
  type CreatedApiKey,
  type ErrorBody,
  type IssueTicketResponse,
  type TicketView,
  type EventView,
} from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('API keys for integrations', () => {
  let server: TestServer;
  let admin: string;
  let clock = Date.now();
  /** Rate windows run on the monotonic clock: a minute passes on it too. */
  let tick = 0;

  beforeAll(async () => {
    server = await startServer({ now: () => clock, monotonic: () => tick });
    admin = await server.login('admin');
  });
  afterAll(() => server.dispose());

  const createKey = async (body: Record<string, unknown>): Promise<CreatedApiKey> => {
    const r = await server.api<CreatedApiKey>('POST', '/api/v1/admin/api-keys', { token: admin, body });
    if (r.status !== 201) throw new Error(`key not created: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  it('the secret is shown once, starts with vuoro_, and only its hash is stored', async () => {
    const { key, secret } = await createKey({ name: 'Booking system', scopes: ['tickets:read'] });
    expect(secret).toMatch(/^vuoro_[\w-]{40,}$/);
    expect(secret.startsWith(key.prefix)).toBe(true);
    const list = await server.api<ApiKeyView[]>('GET', '/api/v1/admin/api-keys', { token: admin });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.find((k) => k.id === key.id)).toMatchObject({ name: 'Booking system', scopes: ['tickets:read'], revokedAt: null, lastUsedAt: null });
    const rows = server.app.store.db.prepare('SELECT * FROM api_keys').all();
    expect(JSON.stringify(rows)).not.toContain(secret.slice(12));
    const audit = await server.api<AuditEntryView[]>('GET', '/api/v1/audit?kind=apikey.create', { token: admin });
    expect(audit.body[0]?.target).toBe(String(key.id));
    expect(JSON.stringify(audit.body)).not.toContain(secret.slice(12));
  });

  it('each scope allows exactly its routes, and no key reaches a staff or admin route', async () => {
    const issued = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).body;
    const routes: [ApiScope | null, string, string, unknown?][] = [
      ['tickets:issue', 'POST', '/api/v1/tickets', { serviceId: 'identity' }],
      ['tickets:read', 'GET', '/api/v1/tickets'],
      ['tickets:read', 'GET', `/api/v1/tickets/${issued.ticket.id}`],
      ['stats:read', 'GET', '/api/v1/stats/summary'],
      ['stats:read', 'GET', '/api/v1/stats/live'],
      ['events:read', 'GET', '/api/v1/events?limit=5'],
      ['config:read', 'GET', '/api/v1/admin/config'],
      ['config:read', 'GET', '/api/v1/admin/services'],
      [null, 'POST', '/api/v1/counters/1/open'],
      [null, 'GET', '/api/v1/session'],
      [null, 'GET', `/api/v1/tickets/${issued.ticket.id}/events`],
      [null, 'GET', '/api/v1/admin/users'],
      [null, 'GET', '/api/v1/audit'],
      [null, 'POST', '/api/v1/admin/api-keys', { name: 'x', scopes: ['tickets:read'] }],
      [null, 'PUT', '/api/v1/announcement', { text: 'hello' }],
    ];
    for (const scope of API_SCOPES) {
      const { secret } = await createKey({ name: `only ${scope}`, scopes: [scope], ratePerMinute: 1000 });
      for (const [needed, method, path, body] of routes) {
        const r = await server.api<ErrorBody>(method, path, { token: secret, ...(body !== undefined ? { body } : {}) });
        if (needed === scope) expect(r.status, `${scope} → ${method} ${path}`).toBeLessThan(300);
        else {
          expect(r.status, `${scope} → ${method} ${path}`).toBe(403);
          expect(r.body.error.code).toBe('forbidden');
        }
      }
    }
    // Public reads stay public with any valid key.
    const { secret } = await createKey({ name: 'reader', scopes: ['stats:read'] });
    expect((await server.api('GET', '/api/v1/services', { token: secret })).status).toBe(200);
  });

  it("a key limited to an organisation sees and issues only that organisation's tickets, figures and events", async () => {
    const city = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } })).body.ticket;
    const { secret } = await createKey({ name: 'County CRM', scopes: ['tickets:issue', 'tickets:read', 'stats:read', 'events:read'], organisationId: 'county' });
    const refused = await server.api<ErrorBody>('POST', '/api/v1/tickets', { token: secret, body: { serviceId: 'parking' } });
    expect(refused.status).toBe(403);
    const county = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { token: secret, body: { serviceId: 'vehicles' } });
    expect(county.status).toBe(201);
    const tickets = (await server.api<TicketView[]>('GET', '/api/v1/tickets', { token: secret })).body;
    expect(tickets.map((t) => t.id)).toContain(county.body.ticket.id);
    expect(tickets.every((t) => ['vehicles', 'licences', 'immigration'].includes(t.serviceId))).toBe(true);
    expect((await server.api('GET', `/api/v1/tickets/${city.id}`, { token: secret })).status).toBe(404);
    expect((await server.api('GET', '/api/v1/stats/summary?organisationId=city', { token: secret })).status).toBe(403);
    const events = (await server.api<EventView[]>('GET', '/api/v1/events?limit=1000', { token: secret })).body;
    expect(events.some((e) => e.ticketId === county.body.ticket.id)).toBe(true);
    expect(events.some((e) => e.ticketId === city.id)).toBe(false);
  });

  it('a revoked key and an expired key are refused with 401 at once; use is recorded', async () => {
    const { key, secret } = await createKey({ name: 'short-lived', scopes: ['tickets:read'], expiresAt: clock + 3_600_000 });
    expect((await server.api('GET', '/api/v1/tickets', { token: secret })).status).toBe(200);
    const used = (await server.api<ApiKeyView[]>('GET', '/api/v1/admin/api-keys', { token: admin })).body.find((k) => k.id === key.id);
    expect(used?.lastUsedAt).toBe(clock);
    clock += 3_600_001;
    const expired = await server.api<ErrorBody>('GET', '/api/v1/tickets', { token: secret });
    expect([expired.status, expired.body.error.message]).toEqual([401, 'This API key has expired.']);
    admin = await server.login('admin');

    const other = await createKey({ name: 'to revoke', scopes: ['tickets:read'] });
    expect((await server.api('GET', '/api/v1/tickets', { token: other.secret })).status).toBe(200);
    const revoked = await server.api<ApiKeyView>('DELETE', `/api/v1/admin/api-keys/${other.key.id}`, { token: admin });
    expect(revoked.body.revokedAt).toBe(clock);
    const after = await server.api<ErrorBody>('GET', '/api/v1/tickets', { token: other.secret });
    expect([after.status, after.body.error.message]).toEqual([401, 'This API key has been revoked.']);
    expect((await server.api('GET', '/api/v1/tickets', { token: 'vuoro_not-a-key' })).status).toBe(401);
    const audit = (await server.api<AuditEntryView[]>('GET', '/api/v1/audit?kind=apikey.revoke', { token: admin })).body[0];
    expect(audit?.before).toMatchObject({ revokedAt: null });
    expect(audit?.after).toMatchObject({ revokedAt: clock });
  });

  it('each key has its own rate limit: 429 with Retry-After, other keys unaffected, and it resets after a minute', async () => {
    const slow = await createKey({ name: 'slow', scopes: ['tickets:read'], ratePerMinute: 3 });
    const other = await createKey({ name: 'other', scopes: ['tickets:read'], ratePerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await server.api('GET', '/api/v1/tickets', { token: slow.secret })).status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${slow.secret}` } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(((await res.json()) as ErrorBody).error.code).toBe('too_many_requests');
    expect((await server.api('GET', '/api/v1/tickets', { token: other.secret })).status).toBe(200);
    clock += 60_000;
    expect((await server.api('GET', '/api/v1/tickets', { token: slow.secret })).status).toBe(429);
    tick += 60_000;
    expect((await server.api('GET', '/api/v1/tickets', { token: slow.secret })).status).toBe(200);
  });

  it('bad input to the key routes is refused with a 4xx and creates or changes nothing', async () => {
    admin = await server.login('admin');
    const count = () => (server.app.store.db.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number }).n;
    const before = count();
    const bad: [unknown, number][] = [
      [{}, 422],
      [{ name: '', scopes: ['tickets:read'] }, 422],
      [{ name: 'x', scopes: [] }, 422],
      [{ name: 'x', scopes: ['everything'] }, 422],
      [{ name: 'x', scopes: ['tickets:read'], organisationId: 'nowhere' }, 422],
      [{ name: 'x', scopes: ['tickets:read'], expiresAt: clock - 1000 }, 422],
      [{ name: 'x', scopes: ['tickets:read'], ratePerMinute: 0 }, 422],
      [{ name: 'x', scopes: ['tickets:read'], admin: true }, 422],
      ['"x"', 400],
    ];
    for (const [body, status] of bad) {
      const r = await server.api<ErrorBody>('POST', '/api/v1/admin/api-keys', { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message.length).toBeGreaterThan(5);
    }
    expect((await server.api('DELETE', '/api/v1/admin/api-keys/999999', { token: admin })).status).toBe(404);
    expect((await server.api('DELETE', '/api/v1/admin/api-keys/abc', { token: admin })).status).toBe(404);
    expect(count()).toBe(before);
    const staff = await server.login('city-supervisor');
    expect((await server.api('POST', '/api/v1/admin/api-keys', { token: staff, body: { name: 'x', scopes: ['tickets:read'] } })).status).toBe(403);
    expect(count()).toBe(before);
  });
});
