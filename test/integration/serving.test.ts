import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../server/src/http/staticApps.js';
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

  it('the built screens have no JavaScript chunk over 500 kB (the Vite warning on every start)', () => {
    for (const ui of ['kiosk-ui', 'display-ui', 'counter-ui']) {
      const dir = path.join(REPO_ROOT, ui, 'dist', 'assets');
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.js'))) {
        expect(statSync(path.join(dir, f)).size, `${ui}/dist/assets/${f}`).toBeLessThan(500_000);
      }
    }
  });

  it('/favicon.ico is an icon, not a 404 on every page', async () => {
    const res = await fetch(`${server.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/x-icon');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it("a visitor's status page gets only the hall messages for the status page and the ticket's service", async () => {
    const issued = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
    const status = await server.api<{ messages: { id: string }[] }>('GET', `/api/v1/tickets/status/${issued.statusToken}`);
    const ids = status.body.messages.map((m) => m.id);
    expect(ids).not.toContain('qr'); // "scan the QR code" is for the waiting room, not the phone already showing it
    expect(ids).not.toContain('passport'); // a city hint on a county ticket
    expect(ids).toContain('order');
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
