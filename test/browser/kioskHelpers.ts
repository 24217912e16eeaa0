import type { Browser, Page } from 'playwright-core';
import type { TicketView } from '../../server/src/protocol/index.js';
import { newPage } from '../support/browser.js';
import type { TestServer } from '../support/server.js';

/** Shared steps of the kiosk browser tests. */

export const WAIT = { timeout: 20_000 };

/** Opens the kiosk bound to the demo hall's entrance kiosk and waits for the start screen. */
export async function openKiosk(browser: Browser, server: TestServer, query = '?id=entrance'): Promise<Page> {
  const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
  await page.goto(`${server.url}/kiosk/${query}`);
  await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
  return page;
}

/** Today's active tickets as the server holds them. */
export async function activeTickets(server: TestServer): Promise<TicketView[]> {
  const token = await server.login('city-staff');
  const r = await server.api<TicketView[]>('GET', '/api/v1/tickets', { token });
  return r.body;
}

export function serviceButton(page: Page, serviceId: string) {
  return page.locator(`button[data-service="${serviceId}"]`);
}

/** Presses keys one after another, as a keypad would. */
export async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const k of keys) await page.keyboard.press(k);
}

/** Moves focus with the arrow keys until the focused element matches `selector`. */
export async function arrowTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`arrow keys never reached ${selector}`);
}

/** Pages the start screen forward until the service's button shows (large text may page the services). */
export async function showService(page: Page, serviceId: string, max = 12): Promise<void> {
  for (let i = 0; i < max && (await serviceButton(page, serviceId).count()) === 0; i += 1) {
    await page.locator('.pager .page-button').last().click();
  }
}
