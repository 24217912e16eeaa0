import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TicketView } from '../../server/src/protocol/index.js';
import { newPage } from '../support/browser.js';
import type { TestServer } from '../support/server.js';

/** Shared steps of the kiosk browser tests. */

export const WAIT = { timeout: 20_000 };

/** How a test looks at the kiosk: the screen (1280×1024 unless given), touch, a language picked, large text on. */
export interface KioskView {
  viewport?: { width: number; height: number };
  hasTouch?: boolean;
  lang?: string;
  large?: boolean;
}

/**
 * Opens the kiosk bound to the demo hall's entrance kiosk and waits for the start screen; then picks the view's
 * language and turns large text on when it asks.
 */
export async function openKiosk(browser: Browser, server: TestServer, query = '?id=entrance', view: KioskView = {}): Promise<Page> {
  const { page } = await newPage(browser, { viewport: view.viewport ?? { width: 1280, height: 1024 }, ...(view.hasTouch ? { hasTouch: true } : {}) });
  await page.goto(`${server.url}/kiosk/${query}`);
  await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
  if (view.lang) {
    await page.locator(`button.language[lang="${view.lang}"]`).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, view.lang, WAIT);
  }
  if (view.large) {
    await page.locator('button.tool').first().click();
    await page.waitForFunction(() => document.documentElement.classList.contains('mode-large'), null, WAIT);
  }
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

export const KIOSK_LANGUAGES = ['en', 'fi', 'sv', 'de', 'nl', 'fr'] as const;

/** The language whose kiosk catalog is longest: the hardest one to fit. */
export function longestLanguage(): string {
  const dir = path.resolve(import.meta.dirname, '../../kiosk-ui/src/i18n');
  const size = (l: string) => Object.values(JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8')) as Record<string, string>).join('').length;
  return [...KIOSK_LANGUAGES].sort((a, b) => size(b) - size(a))[0] ?? 'de';
}

/** Fails when the page is taller or wider than the screen, or the screen's content scrolls either way. */
export async function noScroll(page: Page, what: string): Promise<void> {
  const m = await page.evaluate(() => {
    const main = document.querySelector('main') as HTMLElement;
    return {
      page: [document.documentElement.scrollHeight, window.innerHeight, document.documentElement.scrollWidth, window.innerWidth],
      main: [main.scrollHeight, main.clientHeight, main.scrollWidth, main.clientWidth],
    };
  });
  expect(m.page[0], `${what}: the page is taller than the screen`).toBeLessThanOrEqual(m.page[1] ?? 0);
  expect(m.page[2], `${what}: the page is wider than the screen`).toBeLessThanOrEqual(m.page[3] ?? 0);
  expect(m.main[0], `${what}: the screen's content scrolls`).toBeLessThanOrEqual((m.main[1] ?? 0) + 1);
  expect(m.main[2], `${what}: the screen's content scrolls sideways`).toBeLessThanOrEqual((m.main[3] ?? 0) + 1);
}

/** Takes a ticket for vehicle registration at the kiosk on screen (no needs) and returns it from the server's answer. */
export async function takeVehiclesTicket(page: Page): Promise<TicketView & { statusToken: string }> {
  await showService(page, 'vehicles');
  await serviceButton(page, 'vehicles').click();
  await page.locator('main[data-screen="needs"]').waitFor(WAIT);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST', WAIT),
    page.locator('main button.primary').click(),
  ]);
  await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
  return ((await response.json()) as { ticket: TicketView & { statusToken: string } }).ticket;
}
