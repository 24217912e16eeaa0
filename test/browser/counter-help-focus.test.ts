import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';
import { WAIT, currentNumber, framesPass, holdRequests, issue, keepIntercepting, liveRegionContains, openCounter, signIn, tabTo } from './counterSteps.js';

describe('counter client: the shortcuts help opened while a request runs', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const help = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });

  it('the answer does not take focus from the help or from the Shortcuts button it returns to, and it is spoken in the help', async () => {
    const t = await issue(server, 'identity');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '3');
    await page.getByTestId(`queue-row-${t.number}`).waitFor(WAIT);

    // Call next, then the Shortcuts button (the help) while the call runs.
    const calls = await holdRequests(page, '**/api/v1/counters/3/next');
    await page.locator('#action-next').focus();
    await page.keyboard.press('Enter');
    await calls.held;
    await tabTo(page, /^Shortcuts\b/);
    await page.keyboard.press('Enter');
    await help(page).waitFor(WAIT);
    expect(await focused(page)).toBe('help-dialog-title');

    // The answer comes while the help is open: focus stays in it, and the call is spoken there (the page behind a
    // modal dialog, its status line included, is hidden from assistive technology).
    calls.release();
    expect(await currentNumber(page)).toBe(t.number);
    await page.waitForFunction((n) => document.querySelector('#help-dialog [role="status"]')?.textContent?.includes(`${n} called`) ?? false, t.number, WAIT);
    await framesPass(page);
    expect(await focused(page)).toBe('help-dialog-title');

    // Closed: focus is back on the Shortcuts button, and stays there.
    await page.keyboard.press('Escape');
    await help(page).waitFor({ state: 'hidden', ...WAIT });
    await framesPass(page);
    expect(await focused(page)).toBe('action-help');
    await page.keyboard.press('x');
    await liveRegionContains(page, `${t.number} marked as no-show`);
    await context.close();
  });

  it('help opened with its shortcut returns focus to where the key was pressed, and the next step takes it only from there', async () => {
    const visitor = await issue(server, 'parking');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '1');
    await page.getByTestId(`queue-row-${visitor.number}`).waitFor(WAIT);
    await keepIntercepting(page);

    // Opened and closed before the answer: the user is back on Call next, so the answer moves focus on to Start.
    const calls = await holdRequests(page, '**/api/v1/counters/1/next');
    await page.locator('#action-next').focus();
    await page.keyboard.press('Enter');
    await calls.held;
    await page.keyboard.press('?');
    await help(page).waitFor(WAIT);
    await page.keyboard.press('Escape');
    await help(page).waitFor({ state: 'hidden', ...WAIT });
    expect(await focused(page)).toBe('action-next');
    calls.release();
    await currentNumber(page);
    await page.waitForFunction(() => document.activeElement?.id === 'action-start', undefined, WAIT);
    await page.unroute('**/api/v1/counters/1/next');

    // Open while the answer comes: closed, focus is back where "?" was pressed (Start), not on the next step (Finish).
    const starts = await holdRequests(page, '**/api/v1/counters/1/start');
    await page.keyboard.press('Enter');
    await starts.held;
    await page.keyboard.press('?');
    await help(page).waitFor(WAIT);
    starts.release();
    await page.locator('#current-title .tag--serving').waitFor(WAIT);
    await framesPass(page);
    expect(await focused(page)).toBe('help-dialog-title');
    await page.keyboard.press('Escape');
    await help(page).waitFor({ state: 'hidden', ...WAIT });
    await framesPass(page);
    expect(await focused(page)).toBe('action-start');
    await context.close();
  });
});

/** Where focus is: the element's id, else its tag; 'the page body' when on nothing. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'the page body';
    return el.id || el.tagName.toLowerCase();
  });
}
