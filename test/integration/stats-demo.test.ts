import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { IssueTicketResponse, LiveStats, SessionView, StatsSummary, VisitPage } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD } from '../support/server.js';

// Wednesday 2026-03-04, 10:00 in Helsinki.
const NOW = Date.UTC(2026, 2, 4, 8, 0);

describe('the demo hall ships three weeks of generated history', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-demo-history-'));
  let app: App;
  let url = '';
  const start = async () => {
    app = await createApp({ config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: ADMIN_PASSWORD }), now: () => NOW, demoHistory: true, log: () => undefined });
    await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  };
  const api = async <T>(method: string, p: string, token?: string, body?: unknown): Promise<T> => {
    const res = await fetch(url + p, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as T;
  };
  const tickets = () => (app.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is written on the first start, ends yesterday, is marked as demo data and leaves today alone', async () => {
    await start();
    const flag = JSON.parse((app.store.db.prepare("SELECT value FROM hall_state WHERE key = 'demo.history'").get() as { value: string }).value) as { from: string; to: string; visits: number; tookMs: number };
    expect(flag).toMatchObject({ from: '2026-02-11', to: '2026-03-03' });
    expect(flag.tookMs).toBeGreaterThanOrEqual(0); // how long it took is recorded; timing belongs in the benchmarks
    expect(flag.visits).toBeGreaterThan(2000);
    const unmarked = app.store.db.prepare("SELECT count(*) AS n FROM events WHERE type LIKE 'ticket_%' AND json_extract(data, '$.demo') IS NOT 1").get() as { n: number };
    expect(unmarked.n).toBe(0);

    const { token } = await api<SessionView>('POST', '/api/v1/session', undefined, { username: 'admin', password: ADMIN_PASSWORD });
    const sum = await api<StatsSummary>('GET', '/api/v1/stats/summary?from=2026-02-11&to=2026-03-04', token);
    expect(sum.totals.visits).toBe(flag.visits);
    expect(sum.totals.serviceLevel).toBeGreaterThan(0.3);
    expect(sum.totals.transfers).toBeGreaterThan(0);
    expect(sum.totals.noShows).toBeGreaterThan(0);
    expect(sum.totals.ratings).toBeGreaterThan(0);
    expect(sum.counters.find((c) => c.counterId === '1')?.pausedByReason.lunch).toBeGreaterThan(0);
    const page = await api<VisitPage>('GET', '/api/v1/stats/visits?from=2026-02-11&to=2026-03-03&pageSize=5', token);
    expect(page.visits.every((v) => v.demo)).toBe(true);

    const live = await api<LiveStats>('GET', '/api/v1/stats/live', token);
    expect(live).toMatchObject({ date: '2026-03-04', tickets: 0, waitingNow: 0 });
    expect((await api<unknown[]>('GET', '/api/v1/tickets', token))).toEqual([]);
    const first = await api<IssueTicketResponse>('POST', '/api/v1/tickets', undefined, { serviceId: 'identity' });
    expect(first.ticket.number).toBe('A001');
  });

  it('is not written again on the next start', async () => {
    const before = tickets();
    await app.close();
    await start();
    expect(tickets()).toBe(before);
  });
});
