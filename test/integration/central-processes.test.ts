import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../server/src/domain/index.js';
import type { CentralCounterTime, CentralHallView, CentralLive, CentralSummary, HallCredential, LiveStats, StatsSummary } from '../../server/src/protocol/index.js';
import { api } from '../support/central.js';
import { busyStretch, hallClient, shippingStatus, waitShipped, type HallClient } from '../support/hallActivity.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { launchServer, type ServerProcess } from '../support/processes.js';
import { ADMIN_PASSWORD } from '../support/server.js';

/**
 * Three real hall processes (each with its own SQLite file and three weeks of demo history) ship to one real
 * central process on a real PostgreSQL. Central is stopped and started, a hall is killed with SIGKILL mid-shipment;
 * afterwards central holds each hall's log exactly once and its figures equal the halls' own.
 */
describe('central with three hall processes', () => {
  let pgServer: TestPostgres;
  let dbUrl: string;
  let central: ServerProcess;
  let admin: string;
  const dirs: string[] = [];
  const halls: { id: string; proc: ServerProcess; client: HallClient; dir: string; cred: HallCredential }[] = [];
  const today = () => localDate(Date.now(), 'Europe/Helsinki');
  const range = () => `from=${addDays(today(), -25)}&to=${today()}`;

  /** Every process started, so that none outlives the file, even when a test fails half-way. */
  const spawned: ServerProcess[] = [];
  const track = async (p: Promise<ServerProcess>) => {
    const proc = await p;
    spawned.push(proc);
    return proc;
  };
  const startCentralProcess = (port?: number) =>
    track(launchServer({ VUORO_MODE: 'central', VUORO_DATABASE_URL: dbUrl, VUORO_TIME_ZONE: 'Europe/Helsinki' }, port));
  const startHall = (dir: string, token: string) => track(launchServer({ VUORO_DATA_DIR: dir, VUORO_CENTRAL_URL: central.url, VUORO_CENTRAL_TOKEN: token }));

  /** Rows central holds per hall, straight from PostgreSQL. */
  const centralEvents = async (hallId: string) => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ n: string; max: string | null; distinct_ids: string }>(
        'SELECT count(*) AS n, max(event_id) AS max, count(DISTINCT event_id) AS distinct_ids FROM events WHERE hall_id = $1',
        [hallId],
      );
      return { n: Number(rows[0]?.n), max: Number(rows[0]?.max ?? 0), distinct: Number(rows[0]?.distinct_ids) };
    } finally {
      await c.end();
    }
  };

  /** Every hall's figures at central equal its own; the totals are their sums; central holds each log exactly once. */
  const expectCentralMatchesHalls = async () => {
    for (const h of halls) await waitShipped(h.client, 120_000);
    const sum = (await api<CentralSummary>(central.url, 'GET', `/api/v1/stats/summary?${range()}`, { token: admin })).body;
    let visits = 0;
    let done = 0;
    for (const h of halls) {
      const own = (await api<StatsSummary>(h.proc.url, 'GET', `/api/v1/stats/summary?${range()}`, { token: h.client.tokens.admin ?? '' })).body;
      const row = sum.byHall.find((x) => x.hallId === h.id);
      expect(row, `hall ${h.id} at central`).toBeDefined();
      const { hallId: _i, hallName: _n, ...figures } = row!;
      expect(figures).toEqual(own.totals);
      // Counter time per counter and staff member (central keeps no staff names) and today's live figures.
      const counters = (await api<CentralCounterTime[]>(central.url, 'GET', `/api/v1/stats/counters?${range()}&hallId=${h.id}`, { token: admin })).body;
      expect(own.counters.length).toBeGreaterThan(0);
      expect(counters).toEqual(own.counters.map((c) => ({ ...c, hallId: h.id, userName: null })));
      const live = (await api<CentralLive>(central.url, 'GET', `/api/v1/stats/live?hallId=${h.id}`, { token: admin })).body.byHall[0]!;
      const ownLive = (await api<LiveStats>(h.proc.url, 'GET', '/api/v1/stats/live', { token: h.client.tokens.admin ?? '' })).body;
      expect([live.tickets, live.waitingNow, live.inServiceNow, live.done, live.meanWaitMs, live.serviceLevel, live.countersOpen, live.countersPaused])
        .toEqual([ownLive.tickets, ownLive.waitingNow, ownLive.inServiceNow, ownLive.done, ownLive.meanWaitMs, ownLive.serviceLevel, ownLive.countersOpen, ownLive.countersPaused]);
      visits += own.totals.visits;
      done += own.totals.done;
      const status = await shippingStatus(h.client);
      const held = await centralEvents(h.id);
      expect(held).toEqual({ n: status.lastShippedEventId, max: status.lastShippedEventId, distinct: status.lastShippedEventId });
    }
    expect(sum.totals.visits).toBe(visits);
    expect(sum.totals.done).toBe(done);
    expect(visits).toBeGreaterThan(100);
  };

  beforeAll(async () => {
    pgServer = await startPostgres();
    dbUrl = await pgServer.database();
    central = await startCentralProcess();
    admin = (await api<{ token: string }>(central.url, 'POST', '/api/v1/session', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    for (const id of ['north', 'south', 'east']) {
      const cred = (await api<HallCredential>(central.url, 'POST', '/api/v1/central/halls', { token: admin, body: { id, name: `${id} hall` } })).body;
      const dir = mkdtempSync(path.join(tmpdir(), `vuoro-hall-${id}-`));
      dirs.push(dir);
      const proc = await startHall(dir, cred.token);
      halls.push({ id, proc, client: await hallClient(proc.url), dir, cred });
    }
  }, 180_000);

  afterAll(async () => {
    for (const p of spawned) await p.kill('SIGTERM');
    await pgServer?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('central figures equal the sum of the halls\' own figures, exactly', async () => {
    await Promise.all(halls.map((h, i) => busyStretch(h.client, 10, i)));
    await expectCentralMatchesHalls();
  }, 180_000);

  it('with central stopped the halls issue and call as usual, say "unreachable", then catch up with nothing lost or doubled', async () => {
    const withCentral = (await Promise.all(halls.map((h, i) => busyStretch(h.client, 8, i + 3)))).flat();
    await central.kill('SIGTERM');
    const without = (await Promise.all(halls.map((h, i) => busyStretch(h.client, 8, i + 6)))).flat();
    const status = await shippingStatus(halls[0]!.client);
    expect(status.state).toBe('unreachable');
    expect(status.unreachableSince).not.toBeNull();
    expect(status.behindBy).toBeGreaterThan(0);
    // Generous: no request waits for central (a request that did would take the 15 s shipping timeout).
    expect(Math.max(...without)).toBeLessThan(Math.max(...withCentral) + 3000);
    central = await startCentralProcess(central.port);
    await expectCentralMatchesHalls();
  }, 240_000);

  it('a hall killed with SIGKILL in the middle of shipping its backlog resumes without gaps or duplicates', async () => {
    const cred = (await api<HallCredential>(central.url, 'POST', '/api/v1/central/halls', { token: admin, body: { id: 'west', name: 'West hall' } })).body;
    const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-hall-west-'));
    dirs.push(dir);
    let proc = await startHall(dir, cred.token);
    // Kill as soon as central acknowledged some but not all of the demo history.
    let mid = false;
    for (let i = 0; i < 2000 && !mid; i++) {
      const w = (await api<CentralHallView[]>(central.url, 'GET', '/api/v1/central/halls', { token: admin })).body.find((h) => h.id === 'west');
      if (w && w.lastEventId > 0) {
        await proc.kill('SIGKILL');
        const held = await centralEvents('west');
        const client = await (async () => {
          proc = await startHall(dir, cred.token);
          return hallClient(proc.url);
        })();
        const s = await shippingStatus(client);
        mid = held.max < s.lastShippedEventId + s.behindBy;
        halls.push({ id: 'west', proc, client, dir, cred });
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(mid, 'the kill came while a backlog was still being shipped').toBe(true);
    await expectCentralMatchesHalls();
  }, 240_000);
});
