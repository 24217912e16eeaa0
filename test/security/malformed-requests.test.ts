import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('malformed requests are answered 400 and change nothing', () => {
  let server: TestServer;
  let token: string;
  const logged: string[] = [];
  const tickets = () => (server.app.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;

  beforeAll(async () => {
    server = await startServer({ log: (msg) => logged.push(msg) });
    token = await server.login('city-staff');
  });
  afterAll(() => server.dispose());

  it.each([
    ['GET', '/api/v1/tickets/status/%'],
    ['GET', '/api/v1/tickets/status/%zz/feedback'],
    ['POST', '/api/v1/counters/%zz/open'],
    ['GET', '/api/v1/displays/%E0%A4%A/clips/en/a.wav'],
    ['GET', '/t/%'],
    ['GET', '/t/%C0%80'],
  ])('a malformed percent-encoding in %s %s answers 400', async (method, p) => {
    const res = await fetch(server.url + p, { method, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('bad_request');
  });

  it.each(['gzip', 'deflate', 'br', 'x-gzip'])('Content-Encoding %s with a plain body answers 400 and issues no ticket', async (encoding) => {
    const before = tickets();
    const res = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: JSON.stringify({ serviceId: 'identity' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('bad_request');
    expect(tickets()).toBe(before);
  });

  it('an unknown Content-Encoding answers 415-free 400 as well', async () => {
    const res = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
      body: JSON.stringify({ serviceId: 'identity' }),
    });
    expect(res.status).toBe(400);
  });

  it('a real gzip body is still accepted', async () => {
    const res = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ serviceId: 'identity' })),
    });
    expect(res.status).toBe(201);
  });

  it('none of it was logged as a server fault', () => {
    expect(logged).toEqual([]);
  });
});
