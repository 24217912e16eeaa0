import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CounterView, IssueTicketResponse, ServiceStatus, TicketView } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD, startServer } from '../support/server.js';

const MAIN = path.resolve(import.meta.dirname, '../../server/dist/main.js');

/** The real process, as `npm start` runs it, on a free port. */
async function launch(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  if (!existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run "npm run build" first (npm test does it).');
  const proc = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: ADMIN_PASSWORD, VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { proc, url };
}

async function call<T>(url: string, method: string, p: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(url + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await res.json()) as T;
}

describe('restart recovery', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('after kill -9 the server restores waiting, called and serving tickets, open counters and numbering', async () => {
    const first = await launch(dataDir);
    const { token } = await call<{ token: string }>(first.url, 'POST', '/api/v1/session', undefined, { username: 'city-staff', password: 'demo-city-staff' });
    for (let i = 0; i < 3; i++) await call<IssueTicketResponse>(first.url, 'POST', '/api/v1/tickets', undefined, { serviceId: 'identity' });
    await call(first.url, 'POST', '/api/v1/counters/1/open', token);
    await call(first.url, 'POST', '/api/v1/counters/3/open', token);
    const serving = await call<TicketView>(first.url, 'POST', '/api/v1/counters/1/next', token);
    await call(first.url, 'POST', '/api/v1/counters/1/start', token);
    const called = await call<TicketView>(first.url, 'POST', '/api/v1/counters/3/next', token);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await launch(dataDir);
    try {
      const tickets = await call<TicketView[]>(second.url, 'GET', '/api/v1/tickets', token);
      expect(tickets.map((t) => [t.number, t.state, t.counterId])).toEqual([
        [serving.number, 'serving', '1'],
        [called.number, 'called', '3'],
        ['A003', 'waiting', null],
      ]);
      const counters = await call<CounterView[]>(second.url, 'GET', '/api/v1/counters');
      expect(counters.filter((c) => c.open).map((c) => [c.id, c.currentNumber])).toEqual([
        ['1', serving.number],
        ['3', called.number],
      ]);
      const next = await call<IssueTicketResponse>(second.url, 'POST', '/api/v1/tickets', undefined, { serviceId: 'identity' });
      expect(next.ticket.number).toBe('A004');
      const services = await call<ServiceStatus[]>(second.url, 'GET', '/api/v1/services');
      expect(services.find((s) => s.id === 'identity')?.waiting).toBe(2);
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((r) => second.proc.once('exit', r));
    }
  });

  it('numbering restarts at A001 after local midnight, and tickets left from yesterday are closed as expired', async () => {
    // 2026-11-23 23:58 in Helsinki (UTC+2) is 21:58 UTC.
    let now = Date.UTC(2026, 10, 23, 21, 58);
    const server = await startServer({ now: () => now });
    try {
      const a = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      const b = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      expect([a.body.ticket.number, b.body.ticket.number]).toEqual(['A001', 'A002']);
      now = Date.UTC(2026, 10, 23, 22, 1); // 00:01 on the 24th
      const c = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      expect(c.body.ticket.number).toBe('A001');
      expect(server.app.services.tickets.expireStale()).toBe(2);
      const left = server.app.store.events.forTicket(a.body.ticket.id).map((e) => e.type);
      expect(left).toEqual(['ticket_issued', 'ticket_expired']);
      expect(server.app.store.tickets.active().map((t) => t.number)).toEqual(['A001']);
    } finally {
      await server.dispose();
    }
  });
});
