import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { newPage, withServerAndBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { openKiosk, serviceButton, WAIT } from './kioskHelpers.js';

describe("the visitor's status page", () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('follows a ticket taken at the kiosk and shows the counter prominently when a counter calls it', async () => {
    const kiosk = await openKiosk(browser, server);
    await serviceButton(kiosk, 'residence').click();
    await kiosk.locator('main[data-screen="needs"]').waitFor(WAIT);
    const [response] = await Promise.all([
      kiosk.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST', WAIT),
      kiosk.locator('button.primary').click(),
    ]);
    const { ticket } = (await response.json()) as IssueTicketResponse;
    await kiosk.close();

    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await page.goto(server.url + ticket.statusPath);
    await expect.poll(() => page.locator('h1 .number').textContent(), WAIT).toBe(ticket.number);
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('waiting');
    expect(await page.locator('main').textContent()).toContain('People ahead of you: 0');
    expect(await page.locator('main').textContent()).toContain('Bring your ID and your rental contract');

    const token = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token })).status).toBe(200);
    const next = await server.api<{ number?: string; ticket?: { number: string } }>('POST', '/api/v1/counters/1/next', { token });
    expect(next.status).toBe(200);

    await page.locator('.call[data-counter="1"]').waitFor(WAIT);
    expect(await page.locator('.call .go').textContent()).toBe('Go to counter 1');
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('called');
    await expect.poll(() => page.title(), WAIT).toContain('Go to counter 1');
    await page.close();
  });

  it("speaks the ticket's language, switches language, and 'I'm leaving' cancels after a confirm step", async () => {
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking', language: 'sv' } });
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(server.url + issued.body.ticket.statusPath);
    await expect.poll(() => page.locator('h1 .label').textContent(), WAIT).toBe('Ditt nummer');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1 .label').textContent(), WAIT).toBe('Votre numéro');
    await page.getByRole('button', { name: 'Je pars' }).click();
    await page.getByRole('button', { name: 'Non, garder ma place' }).click();
    expect((await server.api<{ state: string }>('GET', `/api/v1/tickets/status/${tokenOf(issued.body)}`)).body.state).toBe('waiting');
    await page.getByRole('button', { name: 'Je pars' }).click();
    await page.getByRole('button', { name: 'Oui, annuler mon ticket' }).click();
    await expect.poll(() => page.locator('[data-state]').getAttribute('data-state'), WAIT).toBe('cancelled');
    expect(await page.locator('main').textContent()).toContain('Votre ticket est annulé');
    expect((await server.api<{ state: string }>('GET', `/api/v1/tickets/status/${tokenOf(issued.body)}`)).body.state).toBe('cancelled');
    await page.close();
  });

  it('falls back to polling every 15 s when Socket.IO cannot connect, and still shows the call', async () => {
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'lost-found' } });
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.routeWebSocket(/socket\.io/, (ws) => ws.close());
    await page.route('**/socket.io/**', (route) => route.abort());
    const polls: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/tickets\/status\/[^/]+$/.test(r.url())) polls.push(r.url());
    });
    await page.goto(server.url + issued.body.ticket.statusPath);
    await expect.poll(() => page.locator('h1 .number').textContent(), { timeout: 30_000 }).toBe(issued.body.ticket.number);

    const token = await server.login('city-staff');
    // Counter 3 opens for lost and found only: the next visitor it calls is this one.
    expect((await server.api('POST', '/api/v1/counters/3/open', { token, body: { services: ['lost-found'] } })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/3/next', { token })).status).toBe(200);
    await page.locator('.call[data-counter="3"]').waitFor({ timeout: 40_000 });
    expect(polls.length).toBeGreaterThanOrEqual(2);
    await page.close();
  }, 90_000);

  it('an unknown token gets a friendly page, not an error dump', async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/t/this-is-not-a-ticket`);
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('Ticket not found');
    expect(await page.locator('main').textContent()).toContain('take a new ticket at the kiosk');
    await page.close();
  });
});

function tokenOf(r: IssueTicketResponse): string {
  return r.ticket.statusToken;
}
