import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, IssueTicketResponse, ServiceStatus } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('bad input gets a clear 4xx, changes nothing and never stops the server', () => {
  let server: TestServer;
  let token: string;
  const eventCount = () => (server.app.store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

  beforeAll(async () => {
    server = await startServer();
    token = await server.login('city-staff');
  });
  afterAll(() => server.dispose());

  const cases: [string, string, string, { body?: unknown; headers?: Record<string, string>; auth?: boolean }, number, string][] = [
    ['malformed JSON', 'POST', '/api/v1/tickets', { body: '{"serviceId":', headers: { 'content-type': 'application/json' } }, 400, 'bad_request'],
    ['a JSON string instead of an object', 'POST', '/api/v1/tickets', { body: '"identity"' }, 400, 'bad_request'],
    ['a wrong type', 'POST', '/api/v1/tickets', { body: { serviceId: 42 } }, 422, 'validation_failed'],
    ['an unknown field', 'POST', '/api/v1/tickets', { body: { serviceId: 'identity', vip: true } }, 422, 'validation_failed'],
    ['an unknown need', 'POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['jetpack'] } }, 422, 'validation_failed'],
    ['an unknown language', 'POST', '/api/v1/tickets', { body: { serviceId: 'identity', language: 'xx' } }, 422, 'validation_failed'],
    ['an unknown service', 'POST', '/api/v1/tickets', { body: { serviceId: 'nope' } }, 422, 'unknown_service'],
    ['an unknown kiosk', 'POST', '/api/v1/tickets', { body: { serviceId: 'identity', kioskId: 'nope' } }, 422, 'validation_failed'],
    ['a huge body', 'POST', '/api/v1/tickets', { body: { serviceId: 'identity', pad: 'x'.repeat(200_000) } }, 413, 'payload_too_large'],
    ['a bad idempotency key', 'POST', '/api/v1/tickets', { body: { serviceId: 'identity' }, headers: { 'idempotency-key': 'x' } }, 400, 'bad_request'],
    ['a staff route without a token', 'POST', '/api/v1/counters/1/open', {}, 401, 'unauthorized'],
    ['a staff route with a forged token', 'POST', '/api/v1/counters/1/next', { headers: { authorization: 'Bearer forged' } }, 401, 'unauthorized'],
    ['an admin route as staff', 'GET', '/api/v1/admin/config', { auth: true }, 403, 'forbidden'],
    ['an unknown counter', 'POST', '/api/v1/counters/99/next', { auth: true }, 404, 'not_found'],
    ['an unknown ticket id', 'POST', '/api/v1/tickets/999999/requeue', { auth: true }, 404, 'not_found'],
    ['a non-numeric ticket id', 'GET', '/api/v1/tickets/abc', { auth: true }, 404, 'not_found'],
    ['calling at a closed counter', 'POST', '/api/v1/counters/3/next', { auth: true }, 409, 'counter_closed'],
    ['finishing with nothing served', 'POST', '/api/v1/counters/1/finish', { auth: true }, 409, 'invalid_transition'],
    ['an unknown outcome', 'POST', '/api/v1/counters/1/finish', { auth: true, body: { outcome: 'magic' } }, 422, 'unknown_outcome'],
    ['a transfer to nowhere', 'POST', '/api/v1/counters/1/transfer', { auth: true, body: { serviceId: 'x', counterId: 'y' } }, 422, 'validation_failed'],
    ['an empty pause reason', 'POST', '/api/v1/counters/1/pause', { auth: true, body: { reason: '' } }, 422, 'validation_failed'],
    ['an unknown route', 'GET', '/api/v1/nothing-here', {}, 404, 'not_found'],
    ['a wrong password', 'POST', '/api/v1/session', { body: { username: 'city-staff', password: 'wrong' } }, 401, 'unauthorized'],
  ];

  it.each(cases)('%s → %i', async (_name, method, path, o, status, code) => {
    await server.api('POST', '/api/v1/counters/1/open', { token });
    const before = eventCount();
    const waitingBefore = (await server.api<ServiceStatus[]>('GET', '/api/v1/services')).body.map((s) => s.waiting);
    const r = await server.api<ErrorBody>(method, path, {
      ...(o.body !== undefined ? { body: o.body } : {}),
      ...(o.auth ? { token } : {}),
      ...(o.headers ? { headers: o.headers } : {}),
    });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message.length).toBeGreaterThan(5);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(eventCount()).toBe(before);
    expect((await server.api<ServiceStatus[]>('GET', '/api/v1/services')).body.map((s) => s.waiting)).toEqual(waitingBefore);
    expect((await server.api('GET', '/api/v1/health')).status).toBe(200);
  });

  it('a double tap with the same idempotency key makes one ticket', async () => {
    const headers = { 'idempotency-key': 'kiosk-entrance-0001' };
    const [a, b] = await Promise.all([
      server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking' }, headers }),
      server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking' }, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.ticket.id).toBe(b.body.ticket.id);
    const repeat = a.status === 200 ? a : b;
    expect(repeat.body.print).toEqual({ status: 'repeat' });
  });

  it('out-of-order actions are refused with the reason', async () => {
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    await server.api('POST', '/api/v1/counters/1/next', { token });
    const again = await server.api<ErrorBody>('POST', '/api/v1/counters/1/next', { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('counter_busy');
    expect(again.body.error.message).toMatch(/still on call/);
    const close = await server.api<ErrorBody>('POST', '/api/v1/counters/1/close', { token });
    expect(close.body.error.code).toBe('counter_busy');
    const other = await server.login('city-supervisor');
    // Someone of the same organisation (another organisation's staff may not open it at all: 403).
    const taken = await server.api<ErrorBody>('POST', '/api/v1/counters/1/open', { token: other });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'counter_taken' });
    expect(taken.body.error.message).toContain('Aino');
    expect(other).toBeTruthy();
  });
});
