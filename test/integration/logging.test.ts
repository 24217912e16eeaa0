import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger, defaultLogFormat } from '../../server/src/logging/logger.js';
import { ADMIN_PASSWORD, demoHall, startServer, type TestServer } from '../support/server.js';

/** Collects what the logger writes, as the journal would. */
function capture(): { stream: Writable; text: () => string; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the server log: one JSON line per request, sign-ins and configuration changes, never a secret', () => {
  let server: TestServer;
  const log = capture();
  const secrets: string[] = [ADMIN_PASSWORD, 'wrong-password-123'];

  beforeAll(async () => {
    server = await startServer({ logger: createLogger({ level: 'info', format: 'json' }, log.stream) });
    const token = await server.login('admin');
    secrets.push(token);
    expect((await server.api('POST', '/api/v1/session', { body: { username: 'admin', password: 'wrong-password-123' } })).status).toBe(401);
    const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['interpreter:ar'] } });
    expect(t.status).toBe(201);
    secrets.push(t.body.ticket.statusToken);
    expect((await server.api('GET', `/api/v1/tickets/status/${t.body.ticket.statusToken}`)).status).toBe(200);
    expect((await fetch(`${server.url}${t.body.ticket.statusPath}`)).status).toBe(200);
    expect((await server.api('GET', `/api/v1/tickets/status/${t.body.ticket.statusToken}x`)).status).toBe(404);
    const hall = demoHall();
    hall.hall.name = { en: 'Logged hall' };
    expect((await server.api('PUT', '/api/v1/admin/config', { token, body: hall })).status).toBe(200);
    expect((await server.api('GET', '/api/v1/session', { token, headers: { 'x-request-id': 'probe-42' } })).status).toBe(200);
  });
  afterAll(() => server.dispose());

  const requests = () => log.lines().filter((l) => l.msg === 'request');

  it('every request is one line with method, route, status, duration and a request id', () => {
    const lines = requests();
    expect(lines.length).toBeGreaterThanOrEqual(7);
    for (const l of lines) {
      expect(l).toMatchObject({ level: 30, method: expect.any(String), route: expect.any(String), status: expect.any(Number) });
      expect(typeof l.durationMs).toBe('number');
      expect(l.requestId).toMatch(/^[\w.:-]{1,64}$/);
    }
    expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/v1/tickets', status: 201 }));
    expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/v1/session', status: 401 }));
    expect(lines).toContainEqual(expect.objectContaining({ method: 'GET', route: '/api/v1/tickets/status/:token', status: 200 }));
    expect(lines).toContainEqual(expect.objectContaining({ method: 'PUT', route: '/api/v1/admin/config', status: 200, user: 'admin' }));
  });

  it("a client's X-Request-Id is kept in the log line and echoed in the answer", async () => {
    expect(requests()).toContainEqual(expect.objectContaining({ route: '/api/v1/session', requestId: 'probe-42' }));
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sign-ins are logged with the username and the outcome', () => {
    const signIns = log.lines().filter((l) => l.event === 'sign-in');
    expect(signIns).toContainEqual(expect.objectContaining({ username: 'admin', ok: true, level: 30 }));
    expect(signIns).toContainEqual(expect.objectContaining({ username: 'admin', ok: false, level: 40 }));
  });

  it('a configuration change is logged', () => {
    expect(log.lines()).toContainEqual(expect.objectContaining({ event: 'config-changed', msg: 'hall configuration changed' }));
  });

  it('the log contains no password, no session token and no status token', () => {
    const text = log.text();
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('fields named like secrets are redacted wherever they appear', () => {
    const c = capture();
    createLogger({ level: 'info', format: 'json' }, c.stream).info({ password: 'p4ss', user: { token: 't0ken' }, headers: { authorization: 'Bearer x' } }, 'm');
    expect(c.text()).not.toMatch(/p4ss|t0ken|Bearer x/);
  });
});

describe('log level and format come from the environment', () => {
  it('VUORO_LOG_LEVEL=warn drops request lines and keeps warnings', () => {
    const config = loadConfig({ VUORO_DATA_DIR: '/tmp/x', VUORO_LOG_LEVEL: 'warn', VUORO_LOG_FORMAT: 'json' });
    expect(config.log).toEqual({ level: 'warn', format: 'json' });
    const c = capture();
    const logger = createLogger(config.log, c.stream);
    logger.info('not written');
    logger.warn('written');
    expect(c.lines().map((l) => l.msg)).toEqual(['written']);
  });

  it('a wrong level is refused with a clear message', () => {
    expect(() => loadConfig({ VUORO_LOG_LEVEL: 'chatty' })).toThrow(/VUORO_LOG_LEVEL/);
  });

  it('pretty in a terminal, JSON otherwise (systemd, Docker, a pipe)', () => {
    expect(defaultLogFormat(true)).toBe('pretty');
    expect(defaultLogFormat(false)).toBe('json');
    const c = capture();
    createLogger({ level: 'info', format: 'pretty' }, c.stream).info({ route: '/x' }, 'hello');
    expect(c.text()).toMatch(/INFO.*hello/);
    expect(() => JSON.parse(c.text())).toThrow();
  });
});

describe('refused requests (429) are summarised per route, not one line each', () => {
  let server: TestServer;
  const log = capture();

  beforeAll(async () => {
    // The monotonic clock of the rate limits stands still, so that a slow machine cannot refill a bucket mid-test.
    server = await startServer({
      logger: createLogger({ level: 'info', format: 'json' }, log.stream),
      env: { VUORO_PUBLIC_READS_PER_MINUTE: '2' },
      monotonic: () => 1_000,
    });
  });
  afterAll(() => server.dispose());

  it('a flood of refused reads writes one summary line for the route and no request line per refusal', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push((await fetch(`${server.url}/api/v1/services`, { headers: { 'x-forwarded-for': '10.9.0.1' } })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(38);
    const lines = log.lines();
    expect(lines.filter((l) => l.msg === 'request' && l.status === 429)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'request' && l.route === '/api/v1/services')).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'requests refused')).toEqual([
      expect.objectContaining({ method: 'GET', route: '/api/v1/services', status: 429, count: 1, periodSeconds: 60 }),
    ]);
  });
});

describe('the refused-request summary reports the count of each period', () => {
  it('after the period the refusals counted since the first line are written as one line with their count', async () => {
    const express = (await import('express')).default;
    const { requestLog } = await import('../../server/src/logging/requestLog.js');
    const log = capture();
    const app = express();
    app.use(requestLog(createLogger({ level: 'info', format: 'json' }, log.stream), { refusedSummaryMs: 1000 }));
    app.get('/busy', (_req, res) => {
      res.status(429).json({ error: { code: 'too_many_requests' } });
    });
    const http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      for (let i = 0; i < 10; i += 1) expect((await fetch(`http://127.0.0.1:${port}/busy`)).status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      // [1, 9] unless the machine took more than a period for the ten requests; every refusal is counted either way.
      const counts = log.lines().filter((l) => l.msg === 'requests refused').map((l) => Number(l.count));
      expect(counts[0]).toBe(1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
      expect(counts.length).toBeLessThan(10);
      expect(log.lines().filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
