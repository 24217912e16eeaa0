import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyRow, FeedbackStats, IssueTicketResponse, StatsSummary, VisitPage, VisitRow } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { parseCsv } from './csvParse.js';

// Two days in the demo hall (Europe/Helsinki, UTC+2): 09:00 local is 07:00 UTC.
const D1 = '2026-03-03';
const D2 = '2026-03-04';
const DAY_START: Record<string, number> = { [D1]: Date.UTC(2026, 2, 3, 7, 0), [D2]: Date.UTC(2026, 2, 4, 7, 0) };
const MIN = 60_000;
const K = 5;

/** What a supervisor could try to join: a group of visits (by its filters) and the rating figures shown for it. */
interface Revealed {
  where: string;
  visits: Set<number>;
  ratings: number | null;
  meanRating: number | null;
  distribution: readonly number[] | null;
}

interface Query {
  dates: string[];
  serviceId?: string;
  counterId?: string;
  userId?: number;
}

/**
 * A supervisor tries to link visitors' ratings to single visits through every statistics route and CSV export, with
 * every filter (day, service, counter, staff member), using the visit list (ticket, day, service, counter, staff
 * member, exact wait) as the key. Any group of ratings shown for fewer than 5 finished visits, any two answers whose
 * difference is fewer than 5 finished visits, or any comment whose details match fewer than 5 finished visits is a link.
 */
describe('no rating or comment can be linked to a single visit', () => {
  let server: TestServer;
  let t = DAY_START[D1] ?? 0;
  const tokens: Record<string, string> = {};
  const secrets: string[] = [];
  let visits: VisitRow[] = [];
  const rated: number[] = [];

  const ok = async <T = unknown>(method: string, p: string, token: string | undefined, body?: unknown): Promise<T> => {
    const r = await server.api<T>(method, p, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** One finished visit: issued now, called after `wait` minutes at `counter`, served a minute, then rated. */
  const visit = async (counter: string, who: string, serviceId: string, wait: number, rating?: number, comment?: string) => {
    const { ticket } = await ok<IssueTicketResponse>('POST', '/api/v1/tickets', tokens.admin, { serviceId });
    t += wait * MIN;
    await ok('POST', `/api/v1/counters/${counter}/call`, tokens[who], { ticketId: ticket.id });
    await ok('POST', `/api/v1/counters/${counter}/start`, tokens[who]);
    t += MIN;
    await ok('POST', `/api/v1/counters/${counter}/finish`, tokens[who], { outcome: 'resolved' });
    t += MIN;
    if (rating !== undefined) {
      await ok('POST', `/api/v1/tickets/status/${ticket.statusToken}/feedback`, undefined, { rating, ...(comment ? { comment } : {}) });
      rated.push(ticket.id);
    }
  };
  const noShow = async (counter: string, who: string, serviceId: string) => {
    const { ticket } = await ok<IssueTicketResponse>('POST', '/api/v1/tickets', tokens.admin, { serviceId });
    t += 2 * MIN;
    await ok('POST', `/api/v1/counters/${counter}/call`, tokens[who], { ticketId: ticket.id });
    t += 3 * MIN;
    await ok('POST', `/api/v1/counters/${counter}/no-show`, tokens[who]);
  };
  const day = async (date: string, script: () => Promise<void>) => {
    t = DAY_START[date] ?? 0;
    for (const u of ['admin', 'city-staff']) tokens[u] = await server.login(u);
    await ok('POST', '/api/v1/counters/1/open', tokens['city-staff']);
    await ok('POST', '/api/v1/counters/2/open', tokens.admin);
    await script();
    await ok('POST', '/api/v1/counters/1/close', tokens['city-staff']);
    await ok('POST', '/api/v1/counters/2/close', tokens.admin);
  };

  beforeAll(async () => {
    server = await startServer({ now: () => t });
    secrets.push('closed-cell comment one', 'closed-cell comment two');
    await day(D1, async () => {
      // Identity: 7 finished visits (an open service-day). Five waited under 5 minutes, one 7, one 20.
      // Comments are written in an order unlike any the list may use (later comments rate lower).
      await visit('1', 'city-staff', 'identity', 1, 5, 'Friendly and fast');
      await visit('2', 'admin', 'identity', 2, 4);
      await visit('1', 'city-staff', 'identity', 3, 4, 'Clear advice');
      await visit('2', 'admin', 'identity', 4, 3, 'Bring a pen next time');
      await visit('1', 'city-staff', 'identity', 4, 2);
      await visit('2', 'admin', 'identity', 7, 1, 'The only one who waited seven minutes');
      await visit('1', 'city-staff', 'identity', 20, 5);
      await noShow('2', 'admin', 'identity');
      // Residence: 2 finished visits (a closed service-day): nothing of theirs may show anywhere.
      await visit('2', 'admin', 'residence', 3, 1, secrets[0]);
      await visit('1', 'city-staff', 'residence', 6, 5, secrets[1]);
    });
    await day(D2, async () => {
      // Identity: 5 finished visits, one at each counter differing; residence: 1 rated visit.
      await visit('1', 'city-staff', 'identity', 1, 3);
      await visit('1', 'city-staff', 'identity', 2, 2, 'Second day');
      await visit('2', 'admin', 'identity', 3, 5);
      await visit('1', 'city-staff', 'identity', 4, 4);
      await visit('1', 'city-staff', 'identity', 9, 1);
      await visit('2', 'admin', 'residence', 2, 2);
    });
    t = (DAY_START[D2] ?? 0) + 10 * 60 * MIN;
    tokens.admin = await server.login('admin');
    visits = (await ok<VisitPage>('GET', `/api/v1/stats/visits?from=${D1}&to=${D2}&pageSize=1000`, tokens.admin)).visits;
  });
  afterAll(() => server.dispose());

  const queries = (): Query[] => {
    const users = [...new Set(visits.map((v) => v.userId).filter((u): u is number => u !== null))];
    const out: Query[] = [];
    for (const dates of [[D1], [D2], [D1, D2]]) {
      for (const serviceId of [undefined, 'identity', 'residence']) {
        for (const counterId of [undefined, '1', '2']) {
          for (const userId of [undefined, ...users]) {
            out.push({ dates, ...(serviceId ? { serviceId } : {}), ...(counterId ? { counterId } : {}), ...(userId ? { userId } : {}) });
          }
        }
      }
    }
    return out;
  };
  const queryString = (q: Query) =>
    `from=${q.dates[0]}&to=${q.dates.at(-1)}` +
    (q.serviceId ? `&serviceId=${q.serviceId}` : '') + (q.counterId ? `&counterId=${q.counterId}` : '') + (q.userId ? `&userId=${q.userId}` : '');
  /** The finished visits a group covers, found in the visit list. */
  const finished = (q: Query) =>
    new Set(
      visits
        .filter((v) => v.state === 'done' && q.dates.includes(v.date))
        .filter((v) => (q.serviceId === undefined || v.serviceId === q.serviceId) && (q.counterId === undefined || v.counterId === q.counterId))
        .filter((v) => q.userId === undefined || v.userId === q.userId)
        .map((v) => v.ticketId),
    );
  const get = async <T>(p: string, q: Query): Promise<T> => ok<T>('GET', `/api/v1/stats/${p}?${queryString(q)}`, tokens.admin);
  const getCsv = async (p: string, q: Query): Promise<string[][]> => {
    const res = await fetch(`${server.url}/api/v1/stats/${p}?${queryString(q)}&format=csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.status).toBe(200);
    return parseCsv(await res.text());
  };
  const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

  it('the scenario has what an attacker needs: rated visits, exact waits and counters in the visit list', () => {
    expect(visits.filter((v) => v.state === 'done')).toHaveLength(7 + 2 + 5 + 1);
    expect(rated).toHaveLength(15);
    expect(visits.every((v) => !('rating' in v) && !('comment' in v))).toBe(true);
  });

  it('through every route, CSV and filter, ratings are only shown for groups (and differences of groups) of at least 5 finished visits', async () => {
    const revealed: Revealed[] = [];
    const reveal = (where: string, q: Query, f: { ratings: number | null; meanRating: number | null; distribution?: readonly number[] | null }) => {
      if (f.ratings === null && f.meanRating === null && (f.distribution ?? null) === null) return;
      revealed.push({ where, visits: finished(q), ratings: f.ratings, meanRating: f.meanRating, distribution: f.distribution ?? null });
    };
    for (const q of queries()) {
      const name = queryString(q);
      const sum = await get<StatsSummary>('summary', q);
      reveal(`summary totals ${name}`, q, sum.totals);
      for (const s of sum.byService) reveal(`summary service ${s.serviceId} ${name}`, { ...q, serviceId: s.serviceId }, s);
      for (const c of sum.byCounter) reveal(`summary counter ${c.counterId} ${name}`, { ...q, counterId: c.counterId ?? '' }, c);
      for (const u of sum.byStaff) reveal(`summary staff ${u.userId} ${name}`, { ...q, userId: u.userId ?? 0 }, u);
      // The CSV says what the JSON says.
      const csv = await getCsv('summary', q);
      const head = csv[0] ?? [];
      const ratingsCol = head.indexOf('ratings');
      const meanCol = head.indexOf('meanRating');
      const json = [sum.totals, ...sum.byService, ...sum.byCounter, ...sum.byStaff];
      expect(csv.slice(1).map((r) => [num(r[ratingsCol]), num(r[meanCol])])).toEqual(json.map((f) => [f.ratings, f.meanRating]));

      const daily = await get<DailyRow[]>('daily', q);
      for (const d of daily) reveal(`daily ${d.date} ${name}`, { ...q, dates: [d.date] }, d);
      const dailyCsv = await getCsv('daily', q);
      const dh = dailyCsv[0] ?? [];
      expect(dailyCsv.slice(1).map((r) => [num(r[dh.indexOf('ratings')]), num(r[dh.indexOf('meanRating')])])).toEqual(daily.map((d) => [d.ratings, d.meanRating]));

      const fb = await get<FeedbackStats>('feedback', q);
      reveal(`feedback ${name}`, q, fb);
      for (const s of fb.byService) reveal(`feedback service ${s.serviceId} ${name}`, { ...q, serviceId: s.serviceId }, s);
      expect(Object.keys(fb)).not.toContain('byCounter');
    }
    expect(revealed.length).toBeGreaterThan(20); // the routes do show ratings where it is safe

    for (const r of revealed) expect([r.where, r.visits.size >= K]).toEqual([r.where, true]);
    // Differencing: two answers whose groups of finished visits differ by 1–4 visits must show the same ratings.
    for (const a of revealed) {
      for (const b of revealed) {
        if (b.visits.size >= a.visits.size || ![...b.visits].every((id) => a.visits.has(id))) continue;
        const diff = a.visits.size - b.visits.size;
        if (diff >= K) continue;
        const sameSpread = a.distribution === null || b.distribution === null || JSON.stringify(a.distribution) === JSON.stringify(b.distribution);
        const same = a.ratings === b.ratings && a.meanRating === b.meanRating && sameSpread;
        expect([a.where, b.where, diff, same]).toEqual([a.where, b.where, diff, true]);
      }
    }
  });

  it('a comment shows its day, service and rating, and a wait band only where at least 5 finished visits share it', async () => {
    let shown = 0;
    for (const q of queries()) {
      const fb = await get<FeedbackStats>('feedback', q);
      const csv = await getCsv('feedback', q);
      expect(csv[0]).toEqual(['date', 'rating', 'comment', 'serviceId', 'waitFromMinutes', 'waitToMinutes']);
      expect(csv.slice(1)).toEqual(
        fb.comments.map((c) => [c.date, String(c.rating), c.comment, c.serviceId, String(c.waitBand?.fromMinutes ?? ''), String(c.waitBand?.toMinutes ?? '')]),
      );
      if (q.counterId !== undefined || q.userId !== undefined) {
        expect(fb).toMatchObject({ notByCounterOrStaff: true, ratings: null, comments: [] });
        continue;
      }
      for (const c of fb.comments) {
        expect(Object.keys(c).sort()).toEqual(['comment', 'date', 'rating', 'serviceId', 'waitBand']);
        const band = c.waitBand;
        const candidates = [...finished({ ...q, dates: [c.date], serviceId: c.serviceId })].filter((id) => {
          const w = visits.find((v) => v.ticketId === id)?.waitMs ?? -1;
          return band === null || (w >= band.fromMinutes * MIN && (band.toMinutes === null || w < band.toMinutes * MIN));
        });
        expect([c.comment, candidates.length >= K]).toEqual([c.comment, true]);
        shown++;
      }
      // Within a day the order says nothing of when comments were written: service, band, rating, text.
      const key = (c: FeedbackStats['comments'][number]) => `${c.date}|${c.serviceId}|${String(c.waitBand?.fromMinutes ?? -1).padStart(4, '0')}|${c.rating}|${c.comment}`;
      const byDay = fb.comments.filter((c) => c.date === D1).map(key);
      expect(byDay).toEqual([...byDay].sort());
    }
    expect(shown).toBeGreaterThan(0);
    const d1 = await get<FeedbackStats>('feedback', { dates: [D1] });
    // The five under-5-minute identity visits share their band; the 7-minute one does not show its band.
    expect(d1.comments.find((c) => c.comment === 'Clear advice')?.waitBand).toEqual({ fromMinutes: 0, toMinutes: 5 });
    expect(d1.comments.find((c) => c.comment === 'The only one who waited seven minutes')?.waitBand).toBeNull();
    expect(d1).toMatchObject({ ratings: 7, meanRating: 3.43, distribution: [1, 1, 1, 2, 2], minFinishedVisits: K });
  });

  it("a closed service-day's ratings and comments appear nowhere, and a ticket's history has no feedback", async () => {
    for (const q of queries()) {
      for (const p of ['summary', 'daily', 'feedback', 'visits', 'counters', 'heatmap']) {
        if (p === 'heatmap' && (q.counterId !== undefined || q.userId !== undefined)) continue;
        const json = JSON.stringify(await get(p, q));
        const res = await fetch(`${server.url}/api/v1/stats/${p}?${queryString(q)}&format=csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
        const text = `${json}\n${await res.text()}`;
        for (const s of secrets) expect([p, queryString(q), text.includes(s)]).toEqual([p, queryString(q), false]);
        if (p !== 'summary' && p !== 'daily' && p !== 'feedback') expect([p, /rating|comment/i.test(text)]).toEqual([p, false]);
      }
    }
    const live = JSON.stringify(await ok('GET', '/api/v1/stats/live', tokens.admin));
    expect(/rating|comment/i.test(live)).toBe(false);
    for (const id of rated) {
      const events = await ok<{ type: string }[]>('GET', `/api/v1/tickets/${id}/events`, tokens.admin);
      expect(events.some((e) => e.type === 'feedback_given' || JSON.stringify(e).includes('rating'))).toBe(false);
    }
  });
});
