import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, StaffingAdvice } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

// A scripted Monday in the demo hall (Europe/Helsinki, UTC+2): 08:00 local is 06:00 UTC.
const DAY = '2026-03-02';
const T0 = Date.UTC(2026, 2, 2, 6, 0);
const MIN = 60_000;

describe('staffing advice: counters needed (Erlang C or A, checked by playing the day) against counters open, per group and hour of a weekday', () => {
  let server: TestServer;
  let t = T0;
  const at = (minute: number) => (t = T0 + minute * MIN);
  let admin = '';
  let staff = '';
  const ok = async (method: string, p: string, token?: string, body?: unknown) => {
    const r = await server.api(method, p, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    server = await startServer({ now: () => t });
    admin = await server.login('admin');
    staff = await server.login('city-staff');
    const issue = async (serviceId: string) => ((await ok('POST', '/api/v1/tickets', undefined, { serviceId })) as IssueTicketResponse).ticket;
    at(0); await ok('POST', '/api/v1/counters/1/open', staff);
    const a = await issue('identity');
    await ok('POST', '/api/v1/counters/1/call', staff, { ticketId: a.id });
    at(1); await ok('POST', '/api/v1/counters/1/start', staff);
    at(5); const b = await issue('identity');
    at(11); await ok('POST', '/api/v1/counters/1/finish', staff, { outcome: 'resolved' });
    await ok('POST', '/api/v1/counters/1/call', staff, { ticketId: b.id });
    at(12); await ok('POST', '/api/v1/counters/1/start', staff);
    at(22); await ok('POST', '/api/v1/counters/1/finish', staff, { outcome: 'resolved' });
    at(30); await ok('POST', '/api/v1/counters/1/close', staff);
    at(70); await issue('parking'); // 09:10, no counter open
    at(240);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('gives the hand-computed advice for the scripted Monday', async () => {
    const r = await server.api<StaffingAdvice>('GET', `/api/v1/stats/staffing?weekday=0&from=${DAY}&to=${DAY}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ weekday: 0, share: 0.8, days: 1 });
    // 08:00: 2 identity arrivals of 1 min walk-up + 10 min visit (0.367 Erlangs), city target 10 min (parking, lost and
    // found): one counter calls 1 − 0.367 × e^(−0.633 × 10/11) = 79.4 % in time, so 2 are needed; counter 1 was open
    // 08:00–08:30 (0.5 counters on average), so with 0 whole counters the level is 0.
    // 09:00: one parking arrival, no parking visits yet: its default 5 min; one counter suffices; none was open.
    // Two finished visits and nobody who left: Erlang C as published (CV and patience null). With the 2 counters
    // needed at 08:00: B(2, 0.367) = 0.04688, C = 2B / (2 − A(1 − B)) = 0.05681, level 1 − C e^(−1.633 × 10/11) =
    // 98.71 %; at 09:00 one counter, C = A = 1/12: 1 − e^(−(11/12) × 2)/12 = 98.67 %.
    const erlangC = { method: 'erlangC', handlingCv: null, patienceMs: null };
    expect(r.body.rows).toEqual([
      { group: 'city', hour: 8, arrivalsPerHour: 2, handlingMs: 11 * MIN, targetMinutes: 10, countersFormula: 2, serviceLevelFormula: expect.closeTo(0.98713, 5), countersNeeded: 2, countersOpen: 0.5, serviceLevelOpen: 0, serviceLevelNeeded: expect.any(Number), ...erlangC },
      { group: 'city', hour: 9, arrivalsPerHour: 1, handlingMs: 5 * MIN, targetMinutes: 10, countersFormula: 1, serviceLevelFormula: expect.closeTo(0.98668, 5), countersNeeded: 1, countersOpen: 0, serviceLevelOpen: 0, serviceLevelNeeded: expect.any(Number), ...erlangC },
    ]);
    // The day check (08:00 and 09:00 played in order, the hall closing at 10:00) keeps the formula's counters.
    for (const row of r.body.rows) expect(row.serviceLevelNeeded).toBeGreaterThanOrEqual(0.8);
  });

  it('answers CSV with the same rows, and refuses a bad weekday with 422', async () => {
    const res = await fetch(`${server.url}/api/v1/stats/staffing?weekday=0&from=${DAY}&to=${DAY}&format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'group,hour,arrivalsPerHour,handlingMs,targetMinutes,countersNeeded,countersOpen,serviceLevelOpen,serviceLevelNeeded,countersFormula,serviceLevelFormula,method,handlingCv,patienceMs',
    );
    const json = (await server.api<StaffingAdvice>('GET', `/api/v1/stats/staffing?weekday=0&from=${DAY}&to=${DAY}`, { token: admin })).body.rows[0];
    expect(lines[1]).toBe(`city,8,2,${11 * MIN},10,2,0.5,0,${json?.serviceLevelNeeded},2,0.9871,erlangC,,`);
    const bad = await server.api('GET', '/api/v1/stats/staffing?weekday=9', { token: admin });
    expect(bad.status).toBe(422);
    const none = await server.api('GET', '/api/v1/stats/staffing', { token: admin });
    expect(none.status).toBe(422);
  });
});
