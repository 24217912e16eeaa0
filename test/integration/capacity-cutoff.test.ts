import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, ServiceStatus } from '../../server/src/protocol/index.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';

// Monday 23 February 2026, 16:20 in Helsinki (UTC+2); the hall closes at 17:00: 40 minutes left.
const NOW = Date.UTC(2026, 1, 23, 14, 20);
const TUESDAY_8 = Date.UTC(2026, 1, 24, 6, 0);

describe('the capacity-aware cut-off: a service can stop issuing when the day cannot reach a new ticket', () => {
  let server: TestServer;
  let staff: string;
  beforeAll(async () => {
    const hall = demoHall();
    const day = [{ open: '08:00', close: '17:00' }];
    hall.hall.hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
    for (const s of hall.services) if (s.id === 'identity') s.capacityCutoff = true;
    server = await startServer({ hall, now: () => NOW });
    staff = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staff })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const issue = (serviceId: string) => server.api<IssueTicketResponse & { error?: { code: string; details?: { nextOpenAt?: number } } }>('POST', '/api/v1/tickets', { body: { serviceId } });
  const identity = async () => (await server.api<ServiceStatus[]>('GET', '/api/v1/services')).body.find((s) => s.id === 'identity');

  it('issues while a new ticket can still be called by closing, then answers 409 service_full and shows the service as full', async () => {
    // One counter, 8-minute identity visits: the n-th ticket waits 8 × (n − 1) minutes; 40 minutes are left.
    const waits: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await issue('identity');
      expect(r.status).toBe(201);
      waits.push(r.body.ticket.estimatedWaitMinutes);
    }
    expect(waits).toEqual([0, 8, 16, 24, 32, 40]);
    const refused = await issue('identity');
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('service_full');
    expect(refused.body.error?.details?.nextOpenAt).toBe(TUESDAY_8);
    const s = await identity();
    expect(s?.availability).toEqual({ state: 'full', nextOpenAt: TUESDAY_8 });
    expect(s?.open).toBe(false);
    // A service without the cut-off only warns: parking still issues (and says "probably not today").
    const parking = await issue('parking');
    expect(parking.status).toBe(201);
  });

  it('takes tickets again as soon as the forecast says the day can reach one (a second counter opens)', async () => {
    expect((await server.api('POST', '/api/v1/counters/2/open', { token: staff })).status).toBe(200);
    expect((await identity())?.availability.state).toBe('open');
    expect((await issue('identity')).status).toBe(201);
  });
});
