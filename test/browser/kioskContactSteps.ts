import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { NotifyOptionsView, TicketView } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { outsideViewport } from './fitHelpers.js';
import { WAIT, noScroll, openKiosk, takeVehiclesTicket, type KioskView } from './kioskHelpers.js';

/**
 * Shared steps of the kiosk's two "tell me when it is my turn" screens (email with an on-screen keyboard, SMS with an
 * on-screen keypad): the same flow, with each test's own inputs, messages and checks.
 */

export interface ContactScreen {
  /** The screen's `data-screen`, also the id prefix of its error (`#email-error`). */
  screen: 'email' | 'sms';
  /** The offer on the confirmation (its accessible name), which is also the screen's heading. */
  offer: string;
  /** The offer button's class on the confirmation. */
  offerClass: string;
  /** The send button's name. */
  send: string;
  /** The field's label. */
  label: string;
  /** The on-screen keys and the field, for the fit checks. */
  keys: string;
  field: string;
}

export const EMAIL_SCREEN: ContactScreen = {
  screen: 'email',
  offer: 'Email me when it is my turn',
  offerClass: 'email-offer',
  send: 'Send me emails',
  label: 'Your email address',
  keys: '.email-keys',
  field: '#email-address',
};

export const SMS_SCREEN: ContactScreen = {
  screen: 'sms',
  offer: 'Text me when it is my turn',
  offerClass: 'sms-offer',
  send: 'Send me texts',
  label: 'Your mobile number',
  keys: '.keypad',
  field: '#sms-number',
};

type Contacts = () => Promise<NotifyOptionsView['contacts']>;

/** Presses the screen's on-screen keys that type `text`. */
export async function pressKeys(page: Page, s: ContactScreen, text: string): Promise<void> {
  for (const ch of text) await page.locator(s.keys).getByRole('button', { name: ch, exact: true }).click();
}

/**
 * At the portrait touch kiosk: takes a ticket and opens the screen from its offer; the heading is the offer and the
 * screen is axe-clean. `contacts` reads what the server holds for the ticket.
 */
export async function openFromOffer(
  browser: Browser,
  server: TestServer,
  s: ContactScreen,
): Promise<{ page: Page; ticket: TicketView & { statusToken: string }; contacts: Contacts }> {
  const page = await openKiosk(browser, server, '?id=entrance', { viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const ticket = await takeVehiclesTicket(page);
  const contacts: Contacts = async () => (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${ticket.statusToken}/notify`)).body.contacts;
  await page.getByRole('button', { name: s.offer }).click();
  await page.locator(`main[data-screen="${s.screen}"] h1`).waitFor(WAIT);
  expect(await page.locator('h1').textContent()).toBe(s.offer);
  expect(describeViolations(await axeViolations(page))).toBe('');
  return { page, ticket, contacts };
}

/** Sends what was typed, which the kiosk refuses: the alert says `message`, nothing is stored, still axe-clean. */
export async function sendRefused(page: Page, s: ContactScreen, message: string, contacts: Contacts): Promise<void> {
  await page.getByRole('button', { name: s.send }).click();
  await page.locator(`#${s.screen}-error`).waitFor(WAIT);
  expect(await page.getByRole('alert').textContent()).toContain(message);
  expect(await contacts()).toEqual([]);
  expect(describeViolations(await axeViolations(page))).toBe('');
}

/**
 * Sends what was typed: the confirmation says `confirmation`, its offer is gone, the server holds `stored` (masked),
 * axe-clean.
 */
export async function sendSaved(page: Page, s: ContactScreen, confirmation: string, stored: NotifyOptionsView['contacts'], contacts: Contacts): Promise<void> {
  await page.getByRole('button', { name: s.send }).click();
  await page.locator('main[data-screen="confirm"] .confirm-sms').waitFor(WAIT);
  expect(await page.locator('.confirm-sms').textContent()).toBe(confirmation);
  expect(await page.getByRole('button', { name: s.offer }).count()).toBe(0);
  expect(await contacts()).toEqual(stored);
  expect(describeViolations(await axeViolations(page))).toBe('');
}

/** County staff open counter 4 and call the next visitor there (the vehicles ticket the test took). */
export async function callToCounter4(server: TestServer): Promise<void> {
  const staff = await server.login('county-staff');
  expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
  expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
}

/** By keyboard alone at 1280×1024: takes a ticket, opens the screen with Enter on its offer, focuses the field (by its label). */
export async function openByKeyboard(browser: Browser, server: TestServer, s: ContactScreen): Promise<Page> {
  const page = await openKiosk(browser, server);
  await takeVehiclesTicket(page);
  await page.getByRole('button', { name: s.offer }).focus();
  await page.keyboard.press('Enter');
  await page.locator(`main[data-screen="${s.screen}"] h1`).waitFor(WAIT);
  await page.getByLabel(s.label).focus();
  return page;
}

/** Presses the on-screen key `key` with Enter (reached by keyboard focus). */
export async function pressKeyByKeyboard(page: Page, s: ContactScreen, key: string): Promise<void> {
  await page.locator(s.keys).getByRole('button', { name: key, exact: true }).focus();
  await page.keyboard.press('Enter');
}

/** Back to the confirmation by keyboard. */
export async function backByKeyboard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
}

/**
 * The confirmation (ticket number, QR, actions and the SMS offer inside the screen) and the screen itself after an
 * empty send (keys, field, actions and the error inside the screen) fit without scrolling in `view`.
 */
export async function contactScreensFit(browser: Browser, server: TestServer, s: ContactScreen, view: KioskView, what: string): Promise<void> {
  const page = await openKiosk(browser, server, '?id=entrance', view);
  await takeVehiclesTicket(page);
  const offer = page.locator(`main button.${s.offerClass}`);
  await offer.waitFor(WAIT);
  await page.waitForTimeout(300);
  await noScroll(page, `confirmation ${what}`);
  expect(await outsideViewport(page, '.ticket-number, svg.qr, main .actions button, main button.sms-offer'), `confirmation ${what}`).toEqual([]);
  await offer.click();
  await page.locator(`main[data-screen="${s.screen}"] h1`).waitFor(WAIT);
  await page.locator('main button.primary').click();
  await page.locator(`#${s.screen}-error`).waitFor(WAIT);
  await page.waitForTimeout(300);
  const screenName = s.screen === 'email' ? 'keyboard' : 'keypad';
  await noScroll(page, `${screenName} ${what}`);
  expect(await outsideViewport(page, `${s.keys} button, ${s.field}, main .actions button, #${s.screen}-error`), `${screenName} ${what}`).toEqual([]);
  await page.close();
}
