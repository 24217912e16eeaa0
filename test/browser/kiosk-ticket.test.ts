import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, launchBrowser, withServerAndBrowser } from '../support/browser.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { activeTickets, arrowTo, openKiosk, press, serviceButton, WAIT } from './kioskHelpers.js';

describe('taking a ticket at the kiosk', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('a visitor takes a ticket by touch in Finnish with a hearing loop and an interpreter, and the server keeps both', async () => {
    const page = await openKiosk(browser, server);
    await page.getByRole('button', { name: 'Suomi' }).click();
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('Valitse asia');
    await serviceButton(page, 'identity').click();
    await page.locator('main[data-screen="needs"]').waitFor(WAIT);
    await page.getByLabel('Induktiosilmukka').check();
    await page.locator('#interpreter-ar').check();
    await page.getByRole('button', { name: 'Ota vuoronumero' }).click();
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);

    const tickets = await activeTickets(server);
    expect(tickets).toHaveLength(1);
    const t = tickets[0];
    expect(t?.language).toBe('fi');
    expect(t?.needs.sort()).toEqual(['hearing-loop', 'interpreter:ar']);
    expect(t?.kioskId).toBe('entrance');
    await expect.poll(() => page.locator('.ticket-number').textContent(), WAIT).toBe(t?.number);
    await expect.poll(() => page.title(), WAIT).toContain(t?.number ?? '?');
    expect(await page.locator('main').textContent()).toContain('Edelläsi jonossa: 0');
    // No printer in this hall: the screen says so and shows the QR code to the status page.
    expect(await page.locator('[data-print="no-printer"]').textContent()).toContain('Ota kuva');
    expect(await page.locator('svg.qr').getAttribute('aria-label')).toBeTruthy();
    await page.close();
  });

  it('a visitor takes a ticket with the keyboard only, and the estimate matches the server', async () => {
    const page = await openKiosk(browser, server);
    // Focus starts on the heading; arrow keys move between options like a kiosk keypad.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe('H1');
    await arrowTo(page, 'button[data-service="residence"]');
    await press(page, 'Enter');
    await page.locator('main[data-screen="needs"]').waitFor(WAIT);
    await arrowTo(page, '#need-low-desk');
    await press(page, 'Space');
    await arrowTo(page, 'button.primary');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST', WAIT),
      press(page, 'Enter'),
    ]);
    const issued = ((await response.json()) as IssueTicketResponse).ticket;
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);

    const mine = (await activeTickets(server)).find((t) => t.serviceId === 'residence');
    expect(mine?.needs).toEqual(['low-desk']);
    expect(mine?.language).toBe('en');
    expect(mine?.number).toBe(issued.number);
    await expect.poll(() => page.locator('.ticket-number').textContent(), WAIT).toBe(issued.number);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(`People ahead of you: ${issued.position}`);
    const minutes = issued.estimatedWaitMinutes;
    expect(text).toContain(minutes === null ? 'not known yet' : minutes === 0 ? 'You will be called very soon' : `about ${minutes} minutes`);
    // Done returns to the start screen in the default language.
    await arrowTo(page, 'button.primary');
    await press(page, 'Enter');
    await page.locator('main[data-screen="start"]').waitFor(WAIT);
    await page.close();
  });

  it('the start screen follows the queue live: people waiting and the estimate once a desk opens', async () => {
    const page = await openKiosk(browser, server);
    const button = serviceButton(page, 'vehicles');
    expect(await button.textContent()).toContain('Waiting: 0');
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } });
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } });
    await expect.poll(() => button.textContent(), WAIT).toContain('Waiting: 2');
    expect(await button.textContent()).toContain('No desk open for this service yet');
    const token = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/6/open', { token })).status).toBe(200);
    await expect.poll(() => button.textContent(), WAIT).toMatch(/A new ticket (waits about \d+\smin|is called at once)/);
    await page.close();
  });

  it('the kiosk and the display say the same two figures: when the next waiting visitor is called, and what a new ticket waits', async () => {
    const token = await server.login('county-staff');
    for (let i = 0; i < 3; i++) await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'licences' } });
    const page = await openKiosk(browser, server);
    const button = serviceButton(page, 'licences');
    await expect.poll(() => button.textContent(), WAIT).toContain('Waiting: 3');
    // (A county desk is open since the test before; one more makes no difference to what is compared.)
    expect((await server.api('POST', '/api/v1/counters/5/open', { token })).status).toBe(200);
    await expect.poll(() => button.textContent(), WAIT).toMatch(/Next visitor called (in about \d+\smin|any moment)/);
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${server.url}/display/?id=hall`);
    const next = board.getByTestId('next-call-licences');
    const estimate = board.getByTestId('estimate-licences');
    await next.waitFor(WAIT);
    const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ');
    // Same numbers on both screens, read from the same queue state.
    await expect
      .poll(async () => {
        const kiosk = norm(await button.textContent());
        const k = /Next visitor called (?:in about (\d+) min|(any moment))/.exec(kiosk);
        const n = /about (\d+) min|(any moment)/.exec(norm(await next.textContent()));
        const kn = /A new ticket (?:waits about (\d+) min|(is called at once))/.exec(kiosk);
        const e = /about (\d+) min|(called at once)/.exec(norm(await estimate.textContent()));
        return [k?.[1] ?? (k?.[2] ? '0' : 'none'), kn?.[1] ?? (kn?.[2] ? '0' : 'none')].join('|') === [n?.[1] ?? (n?.[2] ? '0' : 'x'), e?.[1] ?? (e?.[2] ? '0' : 'x')].join('|');
      }, WAIT)
      .toBe(true);
    await board.close();
    await page.close();
  });

  it('a double tap makes one ticket, on the needs step and on a service button of a kiosk without it', async () => {
    for (const [query, tap] of [
      ['?id=entrance', 'button.primary'],
      ['', 'button[data-service="parking"]'],
    ] as const) {
      const page = await openKiosk(browser, server, query);
      const keys: (string | undefined)[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/api/v1/tickets') && r.method() === 'POST') keys.push(r.headers()['idempotency-key']);
      });
      const before = (await activeTickets(server)).length;
      if (query) {
        await serviceButton(page, 'parking').click();
        await page.locator('main[data-screen="needs"]').waitFor(WAIT);
      }
      await page.locator(tap).dblclick();
      await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
      await page.waitForTimeout(500);
      expect((await activeTickets(server)).length, query || 'no kiosk id').toBe(before + 1);
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
      await page.close();
    }
  });
});

describe('a closed service at the kiosk', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    const hall = demoHall();
    const closed = hall.services.find((s) => s.id === 'vehicles');
    if (!closed) throw new Error('the demo hall has no vehicles service');
    // Never open: no opening hours on any day.
    closed.hours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    // Closed today only (a dated closure in the hall's time zone): open again tomorrow at 00:00.
    const closedToday = hall.services.find((s) => s.id === 'licences');
    if (!closedToday) throw new Error('the demo hall has no licences service');
    closedToday.closures = [{ date: new Intl.DateTimeFormat('en-CA', { timeZone: hall.hall.timeZone }).format(Date.now()) }];
    server = await startServer({ hall });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('is shown as closed and cannot be chosen by touch or keyboard', async () => {
    const page = await openKiosk(browser, server);
    const button = serviceButton(page, 'vehicles');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    expect(await button.textContent()).toContain('Closed');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // Playwright would wait for an aria-disabled button to become enabled; a finger does not wait.
    await button.click({ force: true });
    await expect.poll(() => page.locator('[data-announcement]').textContent(), WAIT).toBe('This service is not available now.');
    await button.focus();
    await press(page, 'Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('main').getAttribute('data-screen')).toBe('start');
    expect(await activeTickets(server)).toHaveLength(0);
    await page.close();
  });

  it('says when a service closed today opens next: "tomorrow", not a weekday at midnight', async () => {
    const page = await openKiosk(browser, server);
    const button = serviceButton(page, 'licences');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    expect(await button.textContent()).toMatch(/Closed.*Opens tomorrow$/);
    await page.getByRole('button', { name: 'Suomi' }).click();
    await expect.poll(() => button.textContent(), WAIT).toMatch(/Suljettu.*Avautuu huomenna$/);
    await page.close();
  });
});
