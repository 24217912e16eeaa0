import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

// A Tuesday in the demo hall; 09:00 local is 07:00 UTC.
const T0 = Date.UTC(2026, 2, 3, 7, 0);

describe('"next visitor called in about …": the second estimate of every service', () => {
  let server: TestServer;
  let staff: string;
  const t = T0;
  const identity = async (): Promise<ServiceStatus> => {
    const all = (await server.api<ServiceStatus[]>('GET', '/api/v1/services')).body;
    const s = all.find((x) => x.id === 'identity');
    if (!s) throw new Error('no identity service');
    return s;
  };

  beforeAll(async () => {
    server = await startServer({ now: () => t });
    staff = await server.login('city-staff');
  });
  afterAll(() => server.dispose());

  it('is null while nobody waits, and while no open desk can call those who wait', async () => {
    expect(await identity()).toMatchObject({ waiting: 0, nextCallMinutes: null });
    for (let i = 0; i < 3; i++) await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    expect(await identity()).toMatchObject({ waiting: 3, nextCallMinutes: null, estimatedWaitMinutes: null });
  });

  it('is 0 when a free desk will call the first at once, and then the time until a desk frees, never more than a new ticket waits', async () => {
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staff })).status).toBe(200);
    const free = await identity();
    expect(free.nextCallMinutes).toBe(0);
    expect(free.estimatedWaitMinutes).toBeGreaterThan(0);
    expect((await server.api('POST', '/api/v1/counters/1/next', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/1/start', { token: staff })).status).toBe(200);
    const busy = await identity();
    expect(busy.waiting).toBe(2);
    expect(busy.nextCallMinutes).toBeGreaterThan(0);
    expect(busy.nextCallMinutes ?? Infinity).toBeLessThan(busy.estimatedWaitMinutes ?? 0);
  });
});
