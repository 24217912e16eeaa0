import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport, IssueTicketResponse } from '../../server/src/protocol/index.js';
import type { DeviceHub } from '../../server/src/app.js';
import { joinSocket, startServer, type TestServer } from '../support/server.js';

const METRICS_KEY = 'scraper-key-0123456789';

/**
 * The Prometheus text format, line by line: HELP/TYPE comments and `name{labels} value` samples. NaN in any case (Go's
 * ParseFloat, which Prometheus uses): prom-client writes `Nan` for an event-loop figure not yet sampled.
 */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|[Nn][Aa][Nn]|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

describe('health: live and ready, with the reasons', () => {
  let clock = Date.parse('2026-03-04T10:00:00Z');
  let server: TestServer;
  const offlinePrinter: DeviceHub = {
    print: () => Promise.resolve({ status: 'no-printer' }),
    statuses: () => [{ id: 'kiosk-printer', kind: 'printer', state: 'offline', lastError: 'no answer', since: clock, kioskId: null, counterId: null }],
    close: () => Promise.resolve(),
  };
  beforeAll(async () => {
    server = await startServer({ now: () => clock, devices: () => offlinePrinter });
  });
  afterAll(() => server.dispose());

  it('is live, and ready but degraded while a device is offline', async () => {
    expect(await server.api('GET', '/api/v1/health/live')).toEqual({ status: 200, body: { status: 'live' } });
    const r = await server.api<HealthReport>('GET', '/api/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'degraded', ready: true, live: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(r.body.checks.database.state).toBe('ok');
    expect(r.body.checks.disk.state).not.toBe('fail');
    expect(r.body.checks.devices).toEqual({ state: 'warn', message: 'kiosk-printer: offline' });
    expect((await server.api('GET', '/api/v1/health/ready')).status).toBe(200);
  });

  it('is not ready (503, saying why) when the database cannot take writes, and stays live', async () => {
    server.app.store.db.exec('BEGIN IMMEDIATE');
    server.app.store.db.close();
    clock += 5000;
    const r = await server.api<HealthReport>('GET', '/api/v1/health');
    expect(r.status).toBe(503);
    expect(r.body.status).toBe('error');
    expect(r.body.checks.database.state).toBe('fail');
    expect(r.body.checks.database.message).toMatch(/cannot take writes/);
    expect((await server.api('GET', '/api/v1/health/live')).status).toBe(200);
  });
});

describe('health: a full disk makes the server unready', () => {
  it('VUORO_MIN_FREE_MB above the free space answers 503 with the free space named', async () => {
    const server = await startServer({ env: { VUORO_MIN_FREE_MB: String(1024 * 1024 * 1024) } });
    try {
      const r = await server.api<HealthReport>('GET', '/api/v1/health');
      expect(r.status).toBe(503);
      expect(r.body.checks.disk.state).toBe('fail');
      expect(r.body.checks.disk.message).toMatch(/^Only \d+ MB free in the data folder/);
    } finally {
      await server.dispose();
    }
  });
});

describe('Prometheus /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { VUORO_METRICS_TOKEN: METRICS_KEY } });
  });
  afterAll(() => server.dispose());

  it('needs the metrics key or an admin session', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-key-at-all' } })).status).toBe(401);
    const staff = await server.login('city-staff');
    const r = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${staff}` } });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ error: { code: 'forbidden' } });
    const admin = await server.login('admin');
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
  });

  it('parses as the Prometheus text format and counts tickets, queues, counters, sockets and requests', async () => {
    for (let i = 0; i < 2; i++) expect((await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).status).toBe(201);
    const staff = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staff, body: {} })).status).toBe(200);
    const display = await joinSocket(server.url, { role: 'display' });
    try {
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_KEY}` } });
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const m = parseMetrics(await res.text());
      expect(m.get('vuoro_tickets_issued_today')).toBe(2);
      expect(m.get('vuoro_tickets_called_today')).toBe(0);
      expect(m.get('vuoro_queue_waiting{service="identity"}')).toBe(2);
      expect(m.get('vuoro_queue_waiting{service="vehicles"}')).toBe(0);
      expect(m.get('vuoro_counters_open')).toBe(1);
      expect(m.get('vuoro_socket_connections{role="display"}')).toBe(1);
      expect(m.get('vuoro_http_requests_total{method="POST",route="/api/v1/tickets",status="201"}')).toBe(2);
      expect(m.get('vuoro_http_request_duration_seconds_count{method="POST",route="/api/v1/tickets"}')).toBe(2);
      expect(m.get('vuoro_backup_age_seconds')).toBe(-1);
      expect(m.get('vuoro_database_bytes')).toBeGreaterThan(0);
      expect([...m.keys()].some((k) => k.startsWith('vuoro_process_resident_memory_bytes'))).toBe(true);
      expect([...m.keys()].filter((k) => k.includes('route="unmatched"'))).toEqual([]);
    } finally {
      display.socket.close();
    }
  });

  it('paths no route knows are counted under one label, so scanners cannot multiply the series', async () => {
    for (const p of ['/wp-admin/x', '/api/v1/nope', '/.env']) await fetch(server.url + p);
    const m = parseMetrics(await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_KEY}` } })).text());
    const notFound = [...m.entries()].filter(([k]) => k.startsWith('vuoro_http_requests_total{') && k.includes('status="404"'));
    expect(notFound).toEqual([['vuoro_http_requests_total{method="GET",route="unmatched",status="404"}', 3]]);
  });
});
