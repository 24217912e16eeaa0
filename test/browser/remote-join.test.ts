import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntranceCode, HallConfigInput, IssueTicketResponse, RemoteJoined, TicketView, VisitorStatus } from '../../server/src/protocol/index.js';
import { appointmentHall, helsinki } from '../support/appointmentHall.js';
import { expectAccessible, launchBrowser, newPage, tabToSelector } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';

const WAIT = { timeout: 15_000 };

function hall(): HallConfigInput {
  const h = appointmentHall();
  // The browser reaches the test server from 127.0.0.1: that is "the hall's network" here.
  h.services = h.services.map((s) => (s.id === 'residence' ? { ...s, remote: { dailyCap: 10, maxEstimateMinutes: 120, graceMinutes: 10, hallNetworks: ['127.0.0.0/8'] } } : s));
  return h;
}

describe('joining a queue from home in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let clock = helsinki(9, 0);
  let staff: string;

  beforeAll(async () => {
    server = await startServer({ hall: hall(), now: () => clock });
    browser = await launchBrowser();
    staff = await server.login('city-staff');
    await server.api('POST', '/api/v1/counters/2/open', { token: staff, body: { services: ['residence'] } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('by keyboard: choose the service, join, see the arrival code on the status page, and say "I\'m here"', async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/join?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Join a queue from home' }).waitFor(WAIT);
    await expectAccessible(page, 'join');
    await tabToSelector(page, 'input[type=radio]');
    await page.keyboard.press('Space');
    await tabToSelector(page, '#join');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/t\//, WAIT);
    await page.locator('.arrival-code').waitFor(WAIT);
    const code = (await page.locator('.arrival-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    await expectAccessible(page, 'status page, held');
    const token = new URL(page.url()).pathname.replace('/t/', '');
    expect((await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${token}`)).body.remote?.held).toBe(true);
    await tabToSelector(page, 'section.remote button');
    await page.keyboard.press('Enter');
    await page.getByText('You are checked in: you will be called in your turn.').waitFor(WAIT);
    expect((await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${token}`)).body.remote?.held).toBe(false);
    await expectAccessible(page, 'status page, checked in');
    await context.close();
  });

  it('a phone in another time zone is told until when its place is kept in the hall\'s time', async () => {
    clock = helsinki(11, 0);
    // Serve whoever still waits from the test before, so the next call is the walk-in below.
    while ((await server.api('POST', '/api/v1/counters/2/next', { token: staff })).status === 200) {
      await server.api('POST', '/api/v1/counters/2/start', { token: staff });
      await server.api('POST', '/api/v1/counters/2/finish', { token: staff, body: {} });
    }
    const joined = (await server.api<RemoteJoined>('POST', '/api/v1/remote', { body: { serviceId: 'residence', language: 'en' }, headers: { 'x-forwarded-for': '203.0.113.40' } })).body;
    const walkIn = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' }, headers: { 'x-forwarded-for': '203.0.113.41' } })).body.ticket;
    clock = helsinki(11, 2);
    // The held ticket's turn passes: it is skipped and kept for the grace (10 minutes), until 11:12 in Helsinki.
    expect((await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token: staff })).body.number).toBe(walkIn.number);
    const { page, context } = await newPage(browser, { viewport: { width: 390, height: 844 }, timezoneId: 'America/New_York', locale: 'en-US' });
    await page.goto(`${server.url}${joined.ticket.statusPath}?lang=en`);
    const skipped = page.locator('section.remote [role=alert]').first();
    await skipped.waitFor(WAIT);
    // 11:12 in Helsinki (UTC+2 on 16 March) is 05:12 in New York (UTC-4): the page must not show the phone's 05:12.
    expect(await skipped.textContent()).toContain('Your place is kept until 11:12');
    await expectAccessible(page, 'status page, skipped');
    await context.close();
  });

  it('scanning the entrance QR checks the phone\'s remote ticket in (any network: the code is the proof); a wrong code says so', async () => {
    clock = helsinki(12, 0);
    const entrance = (await server.api<EntranceCode>('GET', '/api/v1/remote/entrance', { token: staff })).body;
    const joined = (await server.api<RemoteJoined>('POST', '/api/v1/remote', { body: { serviceId: 'residence', language: 'en' }, headers: { 'x-forwarded-for': '203.0.113.50' } })).body;
    const token = joined.ticket.statusPath.replace('/t/', '');
    const { page, context } = await newPage(browser, { viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    // The status page opened once (the link got when joining) keeps the ticket on the phone.
    await page.goto(`${server.url}${joined.ticket.statusPath}`);
    await page.locator('.arrival-code').waitFor(WAIT);

    // A code that is not today's: told so, still held, the code gone from the address.
    await page.goto(`${server.url}/arrive?code=AAAAAAAA`);
    await page.getByText("This is not today's entrance code.", { exact: false }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe(joined.ticket.statusPath);
    expect(new URL(page.url()).search).toBe('');
    expect((await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${token}`)).body.remote?.held).toBe(true);
    await expectAccessible(page, 'status page, wrong entrance code');

    // The QR at the door opens entrance.path: the phone lands on its ticket, checked in.
    await page.goto(`${server.url}${entrance.path}`);
    await page.getByText('You are checked in: you will be called in your turn.').waitFor(WAIT);
    expect((await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${token}`)).body.remote?.held).toBe(false);
    const event = server.app.store.db.prepare("SELECT data FROM events WHERE type = 'ticket_checked_in' AND ticket_id = ?").get(joined.ticket.id) as { data: string };
    expect(JSON.parse(event.data)).toEqual({ how: 'status-page' });
    await context.close();

    // A phone without a ticket from home is told what to do.
    const other = await newPage(browser, { viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    await other.page.goto(`${server.url}${entrance.path}`);
    await other.page.getByText('This phone has no ticket from home waiting.', { exact: false }).waitFor(WAIT);
    await expectAccessible(other.page, 'arrive without a ticket');
    await other.context.close();
  });
});
