import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { EventView, UserView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';
import { WAIT, currentNumber, framesPass, holdRequests, issue, keepIntercepting, liveRegionContains, openCounter, signIn, tabTo, watchFocusDrops } from './counterSteps.js';

describe('counter client: a visit from call to finish', () => {
  let server: TestServer;
  let browser: Browser;
  let supervisorToken: string;
  let staffId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    supervisorToken = await server.login('city-supervisor');
    const me = await server.api<{ user: UserView }>('GET', '/api/v1/session', { token: await server.login('city-staff') });
    staffId = me.body.user.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function eventsOf(ticketId: number): Promise<EventView[]> {
    const r = await server.api<EventView[]>('GET', `/api/v1/tickets/${ticketId}/events`, { token: supervisorToken });
    expect(r.status).toBe(200);
    return r.body;
  }

  it('a staff member serves a visitor with the mouse and the event log names them at each step', async () => {
    const t = await issue(server, 'identity', ['hearing-loop']);
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '2');
    await page.getByRole('button', { name: /^Call next/ }).click();
    expect(await currentNumber(page)).toBe(t.number);
    await liveRegionContains(page, `${t.number} called, waited 0 minutes, needs hearing loop`);
    await expect(page.getByTestId('call-reason').textContent()).resolves.toContain('hearing loop');
    await page.getByRole('button', { name: /^Start/ }).click();
    await liveRegionContains(page, `${t.number} being served`);
    await page.getByRole('button', { name: /^Finish/ }).click();
    await page.getByRole('radio', { name: 'Referred elsewhere' }).check();
    await page.getByRole('button', { name: 'Finish visit' }).click();
    await liveRegionContains(page, `${t.number} finished: Referred elsewhere`);
    await page.getByRole('heading', { name: 'Nobody at your counter' }).waitFor(WAIT);

    const events = await eventsOf(t.id);
    const steps = events.filter((e) => e.type !== 'ticket_issued');
    expect(steps.map((e) => e.type)).toEqual(['ticket_called', 'ticket_started', 'ticket_finished']);
    for (const e of steps) expect(e.userId).toBe(staffId);
    expect(steps.every((e) => e.counterId === '2')).toBe(true);
    expect(steps[2]?.data).toMatchObject({ outcome: 'referred' });
    await context.close();
  });

  it('the same visit works with the keyboard alone', async () => {
    const t = await issue(server, 'parking');
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/counter/`);
    await page.getByLabel('Username').waitFor(WAIT);
    await page.keyboard.type('city-staff');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-city-staff');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Choose your counter' }).waitFor(WAIT);
    await tabTo(page, /Counter 1(?!\d)/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('radio', { name: /^Counter 3\b/ }).and(page.locator(':checked')).waitFor(WAIT);
    await tabTo(page, /Open counter 3/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Counter 3' }).waitFor(WAIT);

    await page.keyboard.press('n');
    expect(await currentNumber(page)).toBe(t.number);
    await liveRegionContains(page, `${t.number} called`);
    await page.waitForFunction(() => document.activeElement?.id === 'action-start', undefined, WAIT);
    await page.keyboard.press('s');
    await liveRegionContains(page, `${t.number} being served`);
    await page.keyboard.press('f');
    await page.getByRole('dialog', { name: `Finish ${t.number}` }).waitFor(WAIT);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await liveRegionContains(page, `${t.number} finished: Referred elsewhere`);

    const steps = (await eventsOf(t.id)).filter((e) => e.type !== 'ticket_issued');
    expect(steps.map((e) => [e.type, e.userId])).toEqual([
      ['ticket_called', staffId],
      ['ticket_started', staffId],
      ['ticket_finished', staffId],
    ]);
    await context.close();
  });

  it('shortcuts do not fire while typing in a field', async () => {
    const t = await issue(server, 'residence');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '7');
    await page.getByTestId(`queue-row-${t.number}`).waitFor(WAIT);
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor(WAIT);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden', ...WAIT });
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.activeElement?.id === 'lookup-number', undefined, WAIT);
    await page.keyboard.type('nsx');
    await expect(page.getByLabel('Ticket number, for example A012').inputValue()).resolves.toBe('nsx');
    expect(await page.getByTestId('current-number').count()).toBe(0);
    await page.getByTestId(`queue-row-${t.number}`).waitFor(WAIT);
    await context.close();
  });

  it('a button keeps focus while its request runs, and a second press meanwhile does nothing', async () => {
    const t = await issue(server, 'lost-found');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '1');

    // Reprint in the queue: nothing moves focus afterwards, so a disabled button would leave it on the page body.
    const reprint = page.getByTestId(`queue-row-${t.number}`).getByRole('button', { name: `Reprint ${t.number}` });
    const reprints = await holdRequests(page, '**/api/v1/tickets/*/reprint');
    await reprint.focus();
    // Watched from the moment focus is in the page: every change from here on happens with focus somewhere.
    const drops = await watchFocusDrops(page);
    await page.keyboard.press('Enter');
    await reprints.held;
    await expectBusyAndFocused(page, `Reprint ${t.number}`);
    await page.keyboard.press('Enter');
    reprints.release();
    await liveRegionContains(page, `No printer is set up to reprint ${t.number}`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') === null, undefined, WAIT);
    await expect(focusedButton(page)).resolves.toEqual({ text: `Reprint ${t.number}`, busy: false });
    expect(reprints.count()).toBe(1);

    // Call next: focus stays on it while the call runs (then the called visitor's Start takes it).
    const calls = await holdRequests(page, '**/api/v1/counters/1/next');
    await page.locator('#action-next').focus();
    await page.keyboard.press('Enter');
    await calls.held;
    await expectBusyAndFocused(page, 'Call next');
    await page.keyboard.press('Space');
    expect(await drops()).toEqual([]);
    calls.release();
    await page.waitForFunction(() => document.activeElement?.id === 'action-start', undefined, WAIT);
    expect(calls.count()).toBe(1);
    await context.close();
  });

  it('a visit by keyboard alone keeps focus in the page through every slow answer, and focus lands on the next step', async () => {
    const first = await issue(server, 'vehicles');
    const second = await issue(server, 'licences');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-staff');
    await openCounter(page, '5');
    await page.getByTestId(`queue-row-${second.number}`).waitFor(WAIT);
    // Each step holds its answer with a route of its own and removes it afterwards.
    await keepIntercepting(page);
    await tabTo(page, /Call next/);
    // Watched from the moment focus is in the page, through every request and every answer.
    const drops = await watchFocusDrops(page);
    const nobodyHere = () => page.getByRole('heading', { name: 'Nobody at your counter' }).waitFor(WAIT);
    const atCounter = (number: string, state: 'called' | 'serving') =>
      page.locator('#current-title').filter({ has: page.getByTestId('current-number').filter({ hasText: number }) }).locator(`.tag--${state}`).waitFor(WAIT);

    /**
     * One step: `press` sends a request to `path`; the server acts at once and its change reaches the screen (`shown`),
     * but the answer is held while frames pass. Focus meanwhile stays on `stays`; once answered it lands on `lands`.
     */
    const step = async (path: string, press: () => Promise<void>, shown: () => Promise<unknown>, stays: string, lands: string) => {
      const url = `**/api/v1/counters/5/${path}`;
      const answer = await holdRequests(page, url, { serverFirst: true });
      await press();
      await answer.held;
      await shown();
      await framesPass(page);
      expect(await focused(page), `focus while the answer to ${path} is held`).toBe(stays);
      answer.release();
      await expect.poll(() => focused(page), { ...WAIT, message: `focus after the answer to ${path}` }).toBe(lands);
      await page.unroute(url);
    };
    const enter = () => page.keyboard.press('Enter');

    // Call next: the visitor is at the counter (Call next no longer possible) before the answer comes; then Start.
    await step('next', enter, () => atCounter(first.number, 'called'), 'action-next', 'action-start');
    await step('start', enter, () => atCounter(first.number, 'serving'), 'action-start', 'action-finish');
    // Park with its shortcut while Finish has focus: Finish is no longer possible; then Call next.
    await step('park', () => page.keyboard.press('k'), nobodyHere, 'action-finish', 'action-next');
    // Resume from the set-aside list: that visitor's button leaves the list before the answer; focus goes to the
    // visitor's heading, then to Finish.
    await tabTo(page, new RegExp(`Resume ${first.number}`));
    await step('resume', enter, () => atCounter(first.number, 'serving'), 'current-title', 'action-finish');
    // Finish through its dialog (Enter opens it, Enter finishes with the first outcome): the dialog stays until the
    // answer, then Call next.
    await enter();
    await page.getByRole('dialog', { name: `Finish ${first.number}` }).waitFor(WAIT);
    await step('finish', enter, nobodyHere, 'input[name=outcome]', 'action-next');
    await step('next', enter, () => atCounter(second.number, 'called'), 'action-next', 'action-start');
    await step('no-show', () => page.keyboard.press('x'), nobodyHere, 'action-start', 'action-next');
    await liveRegionContains(page, `${second.number} marked as no-show`);
    // An action not possible now keeps its place in the bar: reached with Tab, Enter on it says why and does nothing.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('action-recall');
    expect(await page.locator('#action-recall').getAttribute('aria-disabled')).toBe('true');
    await enter();
    await liveRegionContains(page, 'Recall is not possible now: nobody is at your counter.');
    expect(await focused(page)).toBe('action-recall');
    expect(await drops()).toEqual([]);
    await context.close();
  });

  it('a shortcut for an action not possible now says why, as its button does, and sends nothing', async () => {
    await issue(server, 'licences');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-staff');
    await openCounter(page, '6');
    await page.locator('#action-next').focus();
    const recalls = await holdRequests(page, '**/api/v1/counters/6/recall');
    // Nobody at the counter: Recall and Finish are not possible; their shortcuts say so, focus stays where it was.
    await page.keyboard.press('r');
    await liveRegionContains(page, 'Recall is not possible now: nobody is at your counter.');
    await page.keyboard.press('f');
    await liveRegionContains(page, 'Finish is not possible now: nobody is at your counter.');
    expect(await focused(page)).toBe('action-next');
    expect(await page.getByRole('dialog').count()).toBe(0);
    // A visitor called: Finish must wait for Start, and Call next for the visitor to go.
    await page.keyboard.press('n');
    const number = await currentNumber(page);
    await page.waitForFunction(() => document.activeElement?.id === 'action-start', undefined, WAIT);
    await page.keyboard.press('f');
    await liveRegionContains(page, `Finish is not possible yet: start serving ${number} first.`);
    await page.keyboard.press('n');
    await liveRegionContains(page, `Call next is not possible now: ${number} is at your counter.`);
    expect(recalls.count()).toBe(0);
    await context.close();
  });
});

/**
 * The focused button is the busy one, and after two frames it still is: a focused button that becomes disabled
 * loses focus to the page body at the next frame.
 */
async function expectBusyAndFocused(page: Page, text: string): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') === 'true' || document.activeElement === document.body, undefined, WAIT);
  await framesPass(page);
  await expect(focusedButton(page)).resolves.toEqual({ text, busy: true });
}

/** The focused element's text (without a shortcut's key) and whether it is busy; 'the page body' when on nothing. */
function focusedButton(page: Page): Promise<{ text: string; busy: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { text: 'the page body', busy: false };
    const text = [...el.childNodes].filter((n) => n.nodeName !== 'KBD').map((n) => n.textContent ?? '').join('').trim();
    return { text, busy: el.getAttribute('aria-disabled') === 'true' };
  });
}

/** Where focus is: the element's id, else its tag and name, else its text; 'the page body' when on nothing. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'the page body';
    const name = el.getAttribute('name');
    return el.id || (name ? `${el.tagName.toLowerCase()}[name=${name}]` : (el.textContent ?? '').trim());
  });
}
