import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('the server serves the screens, the landing page and the route list', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.dispose());

  const get = async (p: string) => {
    const res = await fetch(server.url + p);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers };
  };

  it('the landing page names the hall, says it is a demo hall and links every screen and the API', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.text).toContain('Service Centre Riverside');
    expect(r.text).toContain('Demo hall: always open.');
    for (const href of ['/kiosk', '/display', '/counter', '/display?id=counter-4', '/api/v1']) expect(r.text).toContain(`href="${href}"`);
  });

  it.each(['/kiosk', '/kiosk/', '/display', '/display/?id=hall', '/counter'])('%s serves its built app', async (p) => {
    const r = await get(p);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.text).toMatch(/<script type="module"[^>]+src="\/(kiosk|display|counter)\/assets\//);
  });

  it("a visitor's link /t/<token> serves the status page, and never leaks a referrer", async () => {
    const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    const r = await get(t.body.ticket.statusPath);
    expect(r.status).toBe(200);
    expect(r.text).toContain('/kiosk/assets/');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('GET /api/v1 lists the routes; an unknown path answers a JSON 404', async () => {
    const r = await server.api<{ routes: { method: string; path: string }[] }>('GET', '/api/v1');
    expect(r.body.routes.map((x) => `${x.method} ${x.path}`)).toContain('POST /api/v1/counters/:id/next');
    const missing = await server.api<{ error: { code: string } }>('GET', '/no/such/page');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});
