import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';

// The public read routes (route list, OpenAPI document, hall, services, counters) answer anyone: each client address
// gets a bounded number a minute. The server trusts X-Forwarded-For from loopback, so one test acts as several machines.
describe('public read routes are rate-limited per client address', () => {
  let server: TestServer;
  const logs: string[] = [];
  const get = (p: string, from: string, token?: string) =>
    fetch(`${server.url}${p}`, { headers: { 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  beforeAll(async () => {
    // The monotonic clock (rate windows) stands still, so that a slow machine cannot refill a bucket mid-test.
    server = await startServer({ env: { VUORO_PUBLIC_READS_PER_MINUTE: '5', VUORO_SIGN_INS_PER_MINUTE: '8' }, monotonic: () => 1_000, log: (msg) => logs.push(msg) });
  });
  afterAll(() => server.dispose());

  it('past the limit one address gets 429 with Retry-After on every public read; health, other addresses and staff are not affected', async () => {
    const from = '10.3.0.1';
    const statuses: number[] = [];
    for (const p of ['/api/v1/services', '/api/v1/hall', '/api/v1/counters', '/api/v1', '/api/v1/openapi.json', '/api/v1/services']) {
      statuses.push((await get(p, from)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await get('/api/v1/hall', from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    expect((await get('/api/v1/health', from)).status).toBe(200);
    expect((await get('/api/v1/health/live', from)).status).toBe(200);
    expect((await get('/api/v1/services', '10.3.0.2')).status).toBe(200);
    const token = await server.login('city-staff');
    for (let i = 0; i < 10; i += 1) expect((await get('/api/v1/services', from, token)).status).toBe(200);
  });

  it("the AsyncAPI document and the booking page's list of services are bounded the same way", async () => {
    for (const [i, p] of ['/api/v1/asyncapi.json', '/api/v1/appointments/services'].entries()) {
      const statuses: number[] = [];
      for (let n = 0; n < 6; n += 1) statuses.push((await get(p, `10.3.3.${i}`)).status);
      expect(statuses, p).toEqual([200, 200, 200, 200, 200, 429]);
    }
  });

  it('a locked sign-in says when to come back in the Retry-After header too', async () => {
    const signIn = (password: string) =>
      fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.3.1.1' },
        body: JSON.stringify({ username: 'admin', password }),
      });
    for (let i = 0; i < 5; i += 1) expect((await signIn(`wrong-${i}`)).status).toBe(401);
    const locked = await signIn(ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { error: { details: { retryAfterSeconds: number } } };
    expect(locked.headers.get('retry-after')).toBe(String(body.error.details.retryAfterSeconds));
  });

  it('past VUORO_SIGN_INS_PER_MINUTE an address is refused before any password check, without a row per request', async () => {
    const signIn = (username: string, from: string) =>
      fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ username, password: 'not-the-password' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await signIn(`nobody-${i}`, '10.3.2.1')).status);
    expect(statuses).toEqual([...Array<number>(8).fill(401), 429, 429, 429, 429]);
    const refused = await signIn('nobody-x', '10.3.2.1');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('address-rate');
    expect((await signIn('nobody-y', '10.3.2.2')).status).toBe(401);
    const admin = await server.login('admin');
    const activity = await server.api<{ attempts: { address: string }[] }>('GET', '/api/v1/admin/sign-ins?limit=1000', { token: admin });
    expect(activity.body.attempts.filter((a) => a.address === '10.3.2.1')).toHaveLength(8);
    expect(logs.filter((l) => /sign-in: .* refused before the password check/.test(l))).toHaveLength(1);
  });
});
