import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, withServerAndBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { busyLook as look } from './busyLook.js';
import { WAIT, currentNumber, holdRequests, issue, keepIntercepting, liveRegionContains, openCounter, signIn } from './counterSteps.js';

/** The busy button is drawn unlike an unavailable one: whole, the progress cursor, a ring with at least 3:1 contrast. */
async function expectBusyLook(busy: Locator, unavailable: Locator, turning: boolean): Promise<void> {
  expect(await busy.getAttribute('aria-busy')).toBe('true');
  expect(await busy.getAttribute('aria-disabled')).toBe('true');
  expect(await unavailable.getAttribute('aria-disabled')).toBe('true');
  expect(await unavailable.getAttribute('aria-busy')).toBeNull();
  const [b, u] = [await look(busy), await look(unavailable)];
  expect(b).toMatchObject({ opacity: '1', cursor: 'progress', ring: true, turning });
  expect(b.contrast).toBeGreaterThanOrEqual(3);
  expect(u).toMatchObject({ opacity: '0.5', cursor: 'not-allowed', ring: false });
}

/** The ring sits in the button's right-hand padding, at least 2 px clear of the box the label is laid out in. */
async function ringInPadding(button: Locator): Promise<boolean> {
  return button.evaluate((el) => {
    const after = getComputedStyle(el, '::after');
    const style = getComputedStyle(el);
    const paddingRight = el.getBoundingClientRect().right - parseFloat(style.borderRightWidth);
    const ringLeft = paddingRight - parseFloat(after.right) - parseFloat(after.width);
    const contentRight = paddingRight - parseFloat(style.paddingRight);
    return ringLeft >= contentRight + 2 && parseFloat(after.right) >= 0;
  });
}

const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 820, height: 1180 };

async function atCounter(page: Page, server: TestServer, counter: string): Promise<void> {
  await signIn(page, server, 'city-staff');
  await openCounter(page, counter);
  await keepIntercepting(page);
}

describe('counter client: a button shows that its request is running, unlike one that is unavailable', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it(`Call next turns a ring and shows the progress cursor while the call is held; the other buttons only wait (${LAPTOP.width}×${LAPTOP.height})`, async () => {
    const t = await issue(server, 'lost-found');
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await atCounter(page, server, '1');
    const next = page.locator('#action-next');
    const recall = page.locator('#action-recall');
    expect(await look(next)).toMatchObject({ opacity: '1', cursor: 'pointer', ring: false });
    const before = await next.boundingBox();

    // A small button (Reprint in the queue's row) has a smaller ring in its smaller padding.
    const reprint = page.getByTestId(`queue-row-${t.number}`).getByRole('button', { name: `Reprint ${t.number}` });
    const reprints = await holdRequests(page, '**/api/v1/tickets/*/reprint');
    await reprint.click();
    await reprints.held;
    await expect.poll(() => reprint.getAttribute('aria-busy'), WAIT).toBe('true');
    expect(await look(reprint)).toMatchObject({ opacity: '1', cursor: 'progress', ring: true, turning: true });
    expect(await ringInPadding(reprint)).toBe(true);
    reprints.release();
    await liveRegionContains(page, `No printer is set up to reprint ${t.number}`);
    await expect.poll(() => reprint.getAttribute('aria-busy'), WAIT).toBeNull();

    const calls = await holdRequests(page, '**/api/v1/counters/1/next');
    await next.click();
    await calls.held;
    await page.locator('#action-next[aria-busy="true"]').waitFor(WAIT);
    // Recall is not possible (nobody at the counter): faded, not turning.
    await expectBusyLook(next, recall, true);
    // Pause is possible but waits for the running request: it is not the one working.
    expect(await page.locator('#action-pause').getAttribute('aria-busy')).toBeNull();
    expect(await page.locator('button[aria-busy="true"]').count()).toBe(1);
    // The ring is in the padding: the label does not move, the button keeps its size.
    expect(await next.boundingBox()).toEqual(before);
    expect(await ringInPadding(next)).toBe(true);
    await expectAccessible(page, 'counter, calling the next visitor');

    calls.release();
    expect(await currentNumber(page)).toBe(t.number);
    await page.locator('#action-next[aria-busy="true"]').waitFor({ state: 'detached', ...WAIT });
    expect(await look(next)).toMatchObject({ opacity: '0.5', cursor: 'not-allowed', ring: false });
    await context.close();
  });

  it(`without motion the ring stands still but stays, for a shortcut and for a dialog's submit button (${TABLET.width}×${TABLET.height})`, async () => {
    const t = await issue(server, 'parking');
    const { context, page } = await newPage(browser, { viewport: TABLET, hasTouch: true, reducedMotion: 'reduce' });
    await atCounter(page, server, '3');

    // The shortcut N presses Call next: that button shows the call running.
    const calls = await holdRequests(page, '**/api/v1/counters/3/next');
    await page.locator('#action-next').waitFor(WAIT);
    await page.keyboard.press('n');
    await calls.held;
    await page.locator('#action-next[aria-busy="true"]').waitFor(WAIT);
    await expectBusyLook(page.locator('#action-next'), page.locator('#action-recall'), false);
    expect(await ringInPadding(page.locator('#action-next'))).toBe(true);
    await expectAccessible(page, 'counter on a tablet, calling by shortcut');
    calls.release();
    expect(await currentNumber(page)).toBe(t.number);
    await page.getByRole('button', { name: /^Start/ }).click();
    await liveRegionContains(page, `${t.number} being served`);

    // Finish opens a dialog and sends nothing: it does not turn. The dialog's submit button does while finishing.
    await page.getByRole('button', { name: /^Finish/ }).click();
    const dialog = page.getByRole('dialog', { name: `Finish ${t.number}` });
    await dialog.waitFor(WAIT);
    expect(await page.locator('#action-finish').getAttribute('aria-busy')).toBeNull();
    await dialog.getByRole('radio').first().check();
    const finishes = await holdRequests(page, '**/api/v1/counters/3/finish');
    const submit = dialog.getByRole('button', { name: 'Finish visit' });
    await submit.click();
    await finishes.held;
    await expect.poll(() => submit.getAttribute('aria-busy'), WAIT).toBe('true');
    expect(await look(submit)).toMatchObject({ opacity: '1', cursor: 'progress', ring: true, turning: false });
    expect((await look(submit)).contrast).toBeGreaterThanOrEqual(3);
    expect(await ringInPadding(submit)).toBe(true);
    expect(await page.locator('#action-finish').getAttribute('aria-busy')).toBeNull();
    await expectAccessible(page, 'finish dialog on a tablet, finishing');
    finishes.release();
    await page.getByRole('heading', { name: 'Nobody at your counter' }).waitFor(WAIT);
    await context.close();
  });
});
