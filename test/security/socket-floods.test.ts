import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Ack, Snapshot } from '../../server/src/protocol/index.js';
import { startServer, type ClientSocket, type TestServer } from '../support/server.js';

const SOCKETS_PER_ADDRESS = 40;

describe('one client cannot slow the hall through its sockets', () => {
  let server: TestServer;
  const logged: string[] = [];
  const open: ClientSocket[] = [];

  /** A socket "from" `address` (the server trusts X-Forwarded-For from loopback, as from a local reverse proxy). */
  function socketFrom(address: string): Promise<ClientSocket> {
    const s: ClientSocket = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
    open.push(s);
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  }
  /** One request; resolves with the answer, or null when the socket is dropped before answering. */
  const ask = (s: ClientSocket, event: 'hall:snapshot' | 'hall:join', payload?: unknown) =>
    new Promise<Ack<Snapshot> | null>((resolve) => {
      s.once('disconnect', () => resolve(null));
      if (event === 'hall:snapshot') s.emit('hall:snapshot', resolve);
      else (s.emit as (e: string, p: unknown, a: (r: Ack<Snapshot>) => void) => void)('hall:join', payload, resolve);
    });
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    server = await startServer({ env: { VUORO_SOCKETS_PER_ADDRESS: String(SOCKETS_PER_ADDRESS) }, log: (m) => logged.push(m) });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server.dispose();
  });

  it('20,000 snapshot requests from one socket: a few are answered, the rest refused without work, then the socket is dropped', async () => {
    const s = await socketFrom('10.1.0.1');
    expect((await ask(s, 'hall:join', { role: 'display' }))?.ok).toBe(true);
    const disconnected = new Promise<void>((r) => s.once('disconnect', () => r()));
    const answers: Ack<Snapshot>[] = [];
    for (let i = 0; i < 20_000; i += 1) s.emit('hall:snapshot', (r) => answers.push(r));
    await disconnected;
    const ok = answers.filter((a) => a.ok).length;
    expect(ok).toBeLessThanOrEqual(10);
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => !a.ok && a.error.code === 'too_many_requests')).toBe(true);
    // Another display is served as usual.
    const other = await socketFrom('10.1.0.2');
    expect((await ask(other, 'hall:join', { role: 'display' }))?.ok).toBe(true);
    expect((await server.api('GET', '/api/v1/health')).status).toBe(200);
  });

  it('sockets per address are capped; another address still connects', async () => {
    const capped = await Promise.all(Array.from({ length: SOCKETS_PER_ADDRESS }, () => socketFrom('10.2.0.1')));
    await expect(socketFrom('10.2.0.1')).rejects.toThrow(/too many connections/);
    await expect(socketFrom('10.2.0.2')).resolves.toBeDefined();
    // A closed socket frees its place.
    capped[0]?.close();
    await settle(100);
    await expect(socketFrom('10.2.0.1')).resolves.toBeDefined();
  });

  it('1,000 malformed hall:join from one socket are answered as validation errors, write no stack traces, and end in a disconnect', async () => {
    logged.length = 0;
    const s = await socketFrom('10.3.0.1');
    const disconnected = new Promise<void>((r) => s.once('disconnect', () => r()));
    const answers: Ack<Snapshot>[] = [];
    for (let i = 0; i < 1000; i += 1) (s.emit as (e: string, p: unknown, a: (r: Ack<Snapshot>) => void) => void)('hall:join', { role: 'display', displayId: 42, junk: 'x'.repeat(100) }, (r) => answers.push(r));
    await disconnected;
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => !a.ok)).toBe(true);
    expect(answers.some((a) => !a.ok && a.error.code === 'validation_failed')).toBe(true);
    expect(logged.filter((l) => /socket request failed/.test(l))).toEqual([]);
    expect(logged.length).toBeLessThanOrEqual(2);
  });

  it('a flood of any other event (screen:hello, unknown names) is dropped beyond the per-socket budget and ends in a disconnect', async () => {
    const s = await socketFrom('10.6.0.1');
    const disconnected = new Promise<void>((r) => s.once('disconnect', () => r()));
    let answered = 0;
    const emit = s.emit as (e: string, p: unknown, a: () => void) => void;
    for (let i = 0; i < 5000; i += 1) emit.call(s, i % 2 === 0 ? 'screen:hello' : 'no:such-event', { clock: Date.now(), version: null }, () => (answered += 1));
    await disconnected;
    expect(answered).toBeLessThanOrEqual(60);
  });

  it('many sockets of one address share its request budget', async () => {
    const sockets = await Promise.all(Array.from({ length: SOCKETS_PER_ADDRESS }, () => socketFrom('10.4.0.1')));
    // Each socket stays within its own limit (9 of 10), together they ask 360: the address may have 300.
    const answers = await Promise.all(sockets.flatMap((s) => Array.from({ length: 9 }, (_, i) => (i === 0 ? ask(s, 'hall:join', { role: 'kiosk' }) : ask(s, 'hall:snapshot')))));
    expect(answers.filter((a) => a?.ok).length).toBeLessThanOrEqual(300);
    expect(answers.filter((a) => a && !a.ok && a.error.code === 'too_many_requests').length).toBeGreaterThanOrEqual(60);
    for (const s of sockets) s.close();
  });

  it('displays joining at the same sequence number share one snapshot; a change gives a new one', async () => {
    const a = await socketFrom('10.5.0.1');
    const b = await socketFrom('10.5.0.2');
    const first = await ask(a, 'hall:join', { role: 'display' });
    const second = await ask(b, 'hall:join', { role: 'display' });
    if (!first?.ok || !second?.ok) throw new Error('join failed');
    expect(second.data).toEqual(first.data);
    expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).status).toBe(201);
    await settle(50);
    const third = await ask(b, 'hall:snapshot');
    if (!third?.ok) throw new Error('snapshot failed');
    expect(third.data.seq).toBeGreaterThan(first.data.seq);
  });
});
