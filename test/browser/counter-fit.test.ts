import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, issue, openCounter, signIn, tabTo } from './counterSteps.js';
import { clipped, outsideViewport, pageScroll } from './fitHelpers.js';

const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 820, height: 1180 };

async function expectAccessible(page: Page, what: string): Promise<void> {
  const v = await axeViolations(page);
  expect(v, `${what}:\n${describeViolations(v)}`).toEqual([]);
}

/** The visitor at the counter and the main actions are on screen, and the page is not scrolled. */
async function workVisible(page: Page, what: string): Promise<void> {
  expect((await pageScroll(page)).y, `${what}: the page opened scrolled`).toBe(0);
  expect(
    await outsideViewport(page, '#current-title, #action-next, #action-recall, #action-start, #action-no-show, #action-finish, #action-transfer, #action-close'),
    `${what}: the current ticket or an action is off screen`,
  ).toEqual([]);
}

describe('the counter fits a 1366×768 laptop and an 820×1180 tablet', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('"Open counter" is reachable by keyboard before a choice, and an empty choice gets the error summary', async () => {
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await signIn(page, server, 'city-staff');
    await page.getByRole('heading', { name: 'Choose your counter' }).waitFor(WAIT);
    await tabTo(page, /Open counter/);
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).disabled)).toBe(false);
    await page.keyboard.press('Enter');
    const summary = page.locator('.error-summary');
    await summary.waitFor(WAIT);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')), WAIT).toBe(true);
    expect(await summary.getByRole('link').textContent()).toBe('Choose the counter you are working at.');
    expect(await page.locator('#counter-error').isVisible()).toBe(true);
    await expectAccessible(page, 'empty counter choice');
    // The link leads to the first counter's radio button.
    await summary.getByRole('link').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe('counter-1');
    // The whole choice and its button fit the laptop screen.
    await page.getByRole('radio', { name: /^Counter 3\b/ }).check();
    expect(await outsideViewport(page, 'form button[type="submit"], input[type="radio"], input[type="checkbox"]')).toEqual([]);
    // Unticking every service is answered the same way.
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    await page.getByRole('button', { name: 'Open counter 3' }).click();
    await expect.poll(() => summary.getByRole('link').textContent(), WAIT).toBe('Choose at least one service to serve.');
    await context.close();
  });

  it('at 1366×768: a one-line header, no initial scroll, the called number stays in view, compact queue rows, help opens at its heading', async () => {
    for (let i = 0; i < 14; i += 1) await issue(server, ['identity', 'residence', 'parking', 'lost-found'][i % 4] ?? 'identity', i % 3 === 0 ? ['hearing-loop'] : []);
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    // The admin has the most links in the header: the hardest one-line case.
    await signIn(page, server, 'admin', ADMIN_PASSWORD);
    // Scroll the choice screen as someone reaching for the button would, then open.
    await page.getByRole('radio', { name: /^Counter 1\b/ }).check();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.getByRole('button', { name: 'Open counter 1' }).click();
    await page.getByRole('heading', { level: 1, name: /^Counter 1/ }).waitFor(WAIT);
    await workVisible(page, 'counter opened');

    const header = await page.evaluate(() => {
      const h = document.querySelector('.app-header') as HTMLElement;
      const parts = [...h.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 1 && r.height > 1);
      const middles = parts.map((r) => (r.top + r.bottom) / 2);
      return { spread: Math.max(...middles) - Math.min(...middles), height: h.getBoundingClientRect().height };
    });
    expect(header.spread, 'every part of the header on one line').toBeLessThan(20);
    expect(header.height).toBeLessThan(70);

    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('.queue__table tbody tr')].map((tr) => {
        const [call, reprint] = [...tr.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
        return { height: tr.getBoundingClientRect().height, sameLine: call !== undefined && reprint !== undefined && Math.abs(call.top - reprint.top) < 2 };
      }),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.sameLine, 'Call and Reprint side by side').toBe(true);
      expect(r.height, 'a queue row is one line of buttons').toBeLessThan(64);
    }
    expect(await clipped(page, '.queue__waited'), '"5 minutes" does not wrap').toEqual([]);
    expect(await page.evaluate(() => [...document.querySelectorAll('.queue__waited')].every((td) => td.getBoundingClientRect().height < 64))).toBe(true);

    await page.locator('#action-next').click();
    await page.getByTestId('current-number').waitFor(WAIT);
    await workVisible(page, 'after a call');
    expect(await outsideViewport(page, '[data-testid="current-number"]')).toEqual([]);
    await expectAccessible(page, 'counter at 1366×768 with a ticket on call');

    await page.keyboard.press('Shift+?');
    const dialog = page.locator('#help-dialog');
    await dialog.waitFor(WAIT);
    const help = await page.evaluate(() => {
      const d = document.getElementById('help-dialog') as HTMLDialogElement;
      const h = document.getElementById('help-dialog-title') as HTMLElement;
      const dr = d.getBoundingClientRect();
      const hr = h.getBoundingClientRect();
      return { scrollTop: d.scrollTop, headingInside: hr.top >= dr.top && hr.bottom <= dr.bottom && hr.top >= 0, focused: document.activeElement === h, fits: dr.bottom <= window.innerHeight };
    });
    expect(help).toEqual({ scrollTop: 0, headingInside: true, focused: true, fits: true });
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('on the 820×1180 tablet (the roaming counter) the ticket on call and the actions are on screen without scrolling', async () => {
    for (let i = 0; i < 8; i += 1) await issue(server, 'residence');
    const { context, page } = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(page, server, 'city-supervisor');
    await openCounter(page, '7');
    await workVisible(page, 'tablet, counter opened');
    await page.locator('#action-next').click();
    await page.getByTestId('current-number').waitFor(WAIT);
    await workVisible(page, 'tablet, after a call');
    const header = await page.evaluate(() => (document.querySelector('.app-header') as HTMLElement).getBoundingClientRect().height);
    expect(header, 'a compact header on the tablet (a supervisor has five links)').toBeLessThan(160);
    await expectAccessible(page, 'tablet');
    await context.close();
  });
});

describe('the counter after the server was unreachable', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('"The server cannot be reached" goes away once the connection is back', { timeout: 120_000 }, async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await signIn(page, server, 'city-staff');
    await openCounter(page, '2');
    await issue(server, 'residence');
    await page.getByTestId('queue-summary').filter({ hasText: '1 waiting' }).waitFor(WAIT);
    await server.stop();
    await page.locator('.connection--down').waitFor(WAIT);
    await page.locator('#action-next').click();
    await page.locator('.error-summary').filter({ hasText: 'The server cannot be reached' }).waitFor(WAIT);
    server = await startServer({ dataDir: server.dataDir, port: Number(new URL(server.url).port) });
    await page.locator('.connection--up').waitFor({ timeout: 60_000 });
    await page.locator('.error-summary').waitFor({ state: 'detached', timeout: 20_000 });
    await context.close();
  });
});
