import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldDataView, IssueTicketResponse, RetentionPolicyView, TicketView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

const DAY = 86_400_000;
const VISIT_DAY = '2026-03-03';

describe('retention: personal data is removed when its period has passed, the figures stay', () => {
  let clock = Date.parse(`${VISIT_DAY}T08:00:00Z`); // 10:00 in Helsinki
  let server: TestServer;
  let admin: string;
  let visits: { number: string; token: string; id: number }[] = [];
  const db = () => new Database(path.join(server.dataDir, 'vuoro.db'), { readonly: true });
  const read = <T>(sql: string, ...args: unknown[]): T[] => {
    const d = db();
    try {
      return d.prepare(sql).all(...args) as T[];
    } finally {
      d.close();
    }
  };
  // Sessions last 12 hours and the clock jumps by days: sign in afresh for each look.
  const summary = async () => (await server.api('GET', `/api/v1/stats/summary?from=${VISIT_DAY}&to=${VISIT_DAY}`, { token: await server.login('admin') })).body;
  const runRetention = async () => {
    const r = await server.api<RetentionPolicyView>('POST', '/api/v1/admin/retention/run', { token: await server.login('admin') });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    server = await startServer({
      now: () => clock,
      env: { VUORO_RETAIN_NEEDS_DAYS: '0', VUORO_RETAIN_STATUS_LINKS_DAYS: '0', VUORO_RETAIN_NOTES_DAYS: '1', VUORO_RETAIN_COMMENTS_DAYS: '2' },
    });
    admin = await server.login('admin');
    const staff = await server.login('city-staff');
    for (let i = 0; i < 3; i++) {
      const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['hearing-loop', 'interpreter:ar'] } });
      expect(t.status).toBe(201);
      visits.push({ number: t.body.ticket.number, token: t.body.ticket.statusToken, id: t.body.ticket.id });
    }
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staff, body: {} })).status).toBe(200);
    for (const v of visits) {
      clock += 60_000;
      expect((await server.api<TicketView>('POST', '/api/v1/counters/1/next', { token: staff, body: {} })).status).toBe(200);
      expect((await server.api('POST', '/api/v1/counters/1/start', { token: staff, body: {} })).status).toBe(200);
      expect((await server.api('POST', `/api/v1/tickets/${v.id}/note`, { token: staff, body: { note: `Passport renewal for Matti Meikäläinen ${v.number}` } })).status).toBe(200);
      clock += 5 * 60_000;
      expect((await server.api('POST', '/api/v1/counters/1/finish', { token: staff, body: {} })).status).toBe(200);
      expect((await server.api('POST', `/api/v1/tickets/status/${v.token}/feedback`, { body: { rating: 4, comment: `Friendly, my phone is 040 123 ${v.number}` } })).status).toBe(201);
    }
    expect((await server.api('POST', '/api/v1/counters/1/close', { token: staff, body: {} })).status).toBe(200);
  });
  afterAll(() => server.dispose());

  it('the admin sees the policy', async () => {
    const r = await server.api<RetentionPolicyView>('GET', '/api/v1/admin/retention', { token: admin });
    expect(r.body).toEqual({ needsDays: 0, notesDays: 1, commentsDays: 2, statusTokensDays: 0, lastRun: null });
  });

  it('on the visit day nothing is removed', async () => {
    await runRetention();
    expect(read<{ needs: string }>('SELECT needs FROM tickets').map((t) => t.needs)).toEqual(Array(3).fill('["hearing-loop","interpreter:ar"]'));
    expect((await server.api('GET', `/api/v1/tickets/status/${visits[0]!.token}`)).status).toBe(200);
  });

  it('the next day needs and status links are gone, notes and comments are kept, and the figures are the same', async () => {
    const before = await summary();
    clock += DAY;
    const r = await runRetention();
    expect(r.lastRun).toEqual({ at: clock, changes: 3 + 3 + 3 }); // needs on tickets and issue events, status links
    expect(read<{ needs: string }>('SELECT needs FROM tickets').map((t) => t.needs)).toEqual(['[]', '[]', '[]']);
    expect(read("SELECT data FROM events WHERE type = 'ticket_issued' AND data LIKE '%interpreter%'")).toEqual([]);
    for (const v of visits) expect((await server.api('GET', `/api/v1/tickets/status/${v.token}`)).status).toBe(404);
    expect(read<{ note: string }>('SELECT note FROM tickets WHERE note IS NOT NULL')).toHaveLength(3);
    expect(read("SELECT 1 FROM events WHERE type = 'feedback_given' AND data LIKE '%phone%'")).toHaveLength(3);
    expect(await summary()).toEqual(before);
  });

  it('after the notes period the notes are gone from tickets and events', async () => {
    clock += DAY;
    await runRetention();
    expect(read('SELECT note FROM tickets WHERE note IS NOT NULL')).toEqual([]);
    expect(read("SELECT data FROM events WHERE data LIKE '%Meikäläinen%'")).toEqual([]);
    expect(read("SELECT 1 FROM events WHERE type = 'feedback_given' AND data LIKE '%phone%'")).toHaveLength(3);
  });

  it('after the comments period the comments are gone from events and statistics, the ratings stay', async () => {
    const before = (await summary()) as Record<string, unknown>;
    clock += DAY;
    const r = await runRetention();
    expect(r.lastRun).toEqual({ at: clock, changes: 3 + 3 }); // feedback events and the visits' copies
    expect(read("SELECT data FROM events WHERE data LIKE '%phone%'")).toEqual([]);
    expect(read('SELECT comment FROM visits WHERE comment IS NOT NULL')).toEqual([]);
    expect(read<{ rating: number }>('SELECT rating FROM visits ORDER BY ticket_id').map((v) => v.rating)).toEqual([4, 4, 4]);
    expect(await summary()).toEqual(before);
  });

  it('a second run the same day changes nothing', async () => {
    const r = await runRetention();
    expect(r.lastRun).toEqual({ at: clock, changes: 0 });
  });
});

describe("one visitor's data, found by ticket number and date and erased on request", () => {
  let server: TestServer;
  let admin: string;
  const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  beforeAll(async () => {
    server = await startServer();
    admin = await server.login('admin');
  });
  afterAll(() => server.dispose());

  it('shows what is held, erases it, and leaves other visitors alone', async () => {
    const staff = await server.login('city-staff');
    const a = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['low-desk'] } });
    const b = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['hearing-loop'] } });
    await server.api('POST', '/api/v1/counters/1/open', { token: staff, body: {} });
    await server.api('POST', '/api/v1/counters/1/next', { token: staff, body: {} });
    await server.api('POST', '/api/v1/counters/1/start', { token: staff, body: {} });
    await server.api('POST', `/api/v1/tickets/${a.body.ticket.id}/note`, { token: staff, body: { note: 'asked about her son' } });
    const number = a.body.ticket.number.toLowerCase();

    const busy = await server.api('POST', '/api/v1/admin/visitor-data/erase', { token: admin, body: { date: today(), number } });
    expect(busy.status).toBe(409);
    await server.api('POST', '/api/v1/counters/1/finish', { token: staff, body: {} });
    await server.api('POST', `/api/v1/tickets/status/${a.body.ticket.statusToken}/feedback`, { body: { rating: 5, comment: 'I am Anna' } });

    const found = await server.api<HeldDataView[]>('GET', `/api/v1/admin/visitor-data?date=${today()}&number=${number}`, { token: admin });
    expect(found.status).toBe(200);
    expect(found.body).toEqual([{ ticketId: a.body.ticket.id, number: a.body.ticket.number, localDate: today(), state: 'done', needs: 1, note: true, comment: true, statusLink: true }]);

    const erased = await server.api<HeldDataView[]>('POST', '/api/v1/admin/visitor-data/erase', { token: admin, body: { date: today(), number } });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual([{ ...found.body[0], needs: 0, note: false, comment: false, statusLink: false }]);
    expect((await server.api('GET', `/api/v1/tickets/status/${a.body.ticket.statusToken}`)).status).toBe(404);

    const other = await server.api<HeldDataView[]>('GET', `/api/v1/admin/visitor-data?date=${today()}&number=${b.body.ticket.number}`, { token: admin });
    expect(other.body[0]).toMatchObject({ needs: 1, statusLink: true });
    expect((await server.api('GET', `/api/v1/tickets/status/${b.body.ticket.statusToken}`)).status).toBe(200);
  });

  it('bad input is refused with a clear 4xx and changes nothing', async () => {
    const q = (s: string) => server.api<{ error: { code: string; message: string } }>('GET', `/api/v1/admin/visitor-data?${s}`, { token: admin });
    expect((await q('date=2026-13-45&number=A001')).status).toBe(422);
    expect((await q('date=2026-03-03&number=DROP TABLE')).body.error.message).toMatch(/ticket number such as A012/);
    expect((await q('number=A001')).status).toBe(422);
    expect((await q('date=2026-03-03&number=A001')).status).toBe(404);
    expect((await server.api('POST', '/api/v1/admin/visitor-data/erase', { token: admin, body: { date: '2026-03-03', number: 'A001', extra: 1 } })).status).toBe(422);
    expect((await server.api('POST', '/api/v1/admin/visitor-data/erase', { token: admin, body: '{"date":' })).status).toBe(400);
    const supervisor = await server.login('city-supervisor');
    expect((await server.api('GET', `/api/v1/admin/visitor-data?date=2026-03-03&number=A001`, { token: supervisor })).status).toBe(403);
    expect((await server.api('POST', '/api/v1/admin/retention/run')).status).toBe(401);
  });
});

describe('retention: sign-in records (usernames and addresses) are deleted on schedule, even in a quiet hall', () => {
  let clock = Date.parse('2026-03-03T08:00:00Z');
  let server: TestServer;
  afterAll(() => server.dispose());

  it('attempts go after 30 days and known-good addresses after 90 days without use', async () => {
    server = await startServer({ now: () => clock, monotonic: () => clock });
    const count = (table: string) => {
      const d = new Database(path.join(server.dataDir, 'vuoro.db'), { readonly: true });
      try {
        return (d.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        d.close();
      }
    };
    const from = { 'x-forwarded-for': '10.4.0.1' };
    expect((await server.api('POST', '/api/v1/session', { body: { username: 'city-staff', password: 'wrong-password' }, headers: from })).status).toBe(401);
    expect((await server.api('POST', '/api/v1/session', { body: { username: 'city-staff', password: 'demo-city-staff' }, headers: from })).status).toBe(201);
    const attempts = count('sign_in_attempts');
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(count('known_sign_in_addresses')).toBeGreaterThanOrEqual(1);

    const run = async () => {
      const admin = await server.login('admin'); // from 127.0.0.1: an attempt and a known address of its own, today
      expect((await server.api('POST', '/api/v1/admin/retention/run', { token: admin })).status).toBe(200);
    };
    clock += 31 * DAY;
    await run();
    // Only the admin's sign-in of today is left; city-staff's address from 31 days ago is still known-good.
    expect(count('sign_in_attempts')).toBe(1);
    expect(count('known_sign_in_addresses')).toBe(2);
    clock += 60 * DAY;
    await run();
    expect(count('known_sign_in_addresses')).toBe(1);
  });
});
