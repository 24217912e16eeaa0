import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, SignInActivity } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';

// The server trusts X-Forwarded-For from loopback (a reverse proxy on the same host), so one test process can sign
// in "from" several machines of the hall's network.
describe('sign-in throttling: guessing cannot lock the real user out, and parallel guesses cannot bypass it', () => {
  let server: TestServer;
  let t = Date.UTC(2026, 2, 3, 8, 0);
  const ADMIN_PC = '10.0.0.5';

  const signIn = (username: string, password: string, from: string) =>
    server.api<ErrorBody & { token: string }>('POST', '/api/v1/session', { body: { username, password }, headers: { 'x-forwarded-for': from } });

  beforeAll(async () => {
    // One clock for both: locks run on the monotonic clock, attempts are recorded at wall-clock times.
    server = await startServer({ now: () => t, monotonic: () => t });
    // The admin has signed in from their own PC before: it is a known-good address for them.
    expect((await signIn('admin', ADMIN_PASSWORD, ADMIN_PC)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  it('fifty wrong passwords from one machine lock that machine only; the admin signs in from their PC', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i += 1) statuses.push((await signIn('admin', `guess-${i}`, '10.0.0.66')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const refused = await signIn('admin', ADMIN_PASSWORD, '10.0.0.66');
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/from this computer/);
    expect((await signIn('admin', ADMIN_PASSWORD, ADMIN_PC)).status).toBe(201);
    // Another machine that was never used for guessing is not locked either.
    expect((await signIn('admin', ADMIN_PASSWORD, '10.0.0.9')).status).toBe(201);
  });

  it('39 wrong passwords and the right one sent at once: only 5 are checked, the right one is refused', async () => {
    const from = '10.0.0.77';
    const all = await Promise.all([...Array.from({ length: 39 }, (_, i) => signIn('city-staff', `wrong-${i}`, from)), signIn('city-staff', 'demo-city-staff', from)]);
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 201)).toHaveLength(0);
    expect(statuses.at(-1)).toBe(429);
  });

  it('guesses from many machines slow the account down for unknown machines, never for a known-good one', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn('admin', `spray-${i}`, '10.0.1.1')).status).toBe(401);
    // 5 + 5 earlier failures within 15 minutes: the account is slowed. One unknown machine may try now, the next must wait.
    expect((await signIn('admin', 'another-guess', '10.0.2.2')).status).toBe(401);
    const slowed = await signIn('admin', ADMIN_PASSWORD, '10.0.2.3');
    expect(slowed.status).toBe(429);
    expect(slowed.body.error.message).toMatch(/sign in from a computer you used before/);
    expect((await signIn('admin', ADMIN_PASSWORD, ADMIN_PC)).status).toBe(201);
    t += 31_000;
    expect((await signIn('admin', ADMIN_PASSWORD, '10.0.2.3')).status).toBe(201);
  });

  it('a lock ends after a minute, and the next one lasts longer', async () => {
    const from = '10.0.0.88';
    for (let i = 0; i < 5; i += 1) await signIn('supervisor-x', `g${i}`, from);
    expect((await signIn('supervisor-x', 'g', from)).status).toBe(429);
    t += 61_000;
    for (let i = 0; i < 5; i += 1) expect((await signIn('supervisor-x', `h${i}`, from)).status).toBe(401);
    t += 61_000;
    expect((await signIn('supervisor-x', 'h', from)).status).toBe(429);
    t += 61_000;
    expect((await signIn('supervisor-x', 'h', from)).status).toBe(401);
  });

  it('the admin sees every attempt, the locks and the slowed accounts', async () => {
    for (let i = 0; i < 6; i += 1) await signIn('county-staff', `x${i}`, '10.0.0.99');
    const admin = (await signIn('admin', ADMIN_PASSWORD, ADMIN_PC)).body.token;
    const r = await server.api<SignInActivity>('GET', '/api/v1/admin/sign-ins?limit=1000', { token: admin });
    expect(r.status).toBe(200);
    const { attempts, locked } = r.body;
    expect(attempts[0]).toMatchObject({ username: 'admin', address: ADMIN_PC, outcome: 'ok' });
    expect(attempts.filter((a) => a.address === '10.0.0.66' && a.outcome === 'wrong-password')).toHaveLength(5);
    expect(attempts.filter((a) => a.address === '10.0.0.66' && a.outcome === 'refused' && a.reason === 'pair-locked')).toHaveLength(46);
    expect(attempts.some((a) => a.reason === 'account-slowed')).toBe(true);
    expect(r.body.slowed).toContainEqual({ username: 'admin', failures: expect.any(Number) });
    expect(attempts.some((a) => a.username === 'supervisor-x' && a.reason === 'unknown-user')).toBe(true);
    expect(locked.map((l) => `${l.username}@${l.address}`)).toContain('county-staff@10.0.0.99');
    const staff = await server.login('city-staff').catch(() => '');
    expect(staff).not.toBe('');
    expect((await server.api('GET', '/api/v1/admin/sign-ins', { token: staff })).status).toBe(403);
  });
});
