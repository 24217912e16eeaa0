import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, newPage, withNotifyingHall, withServerAndBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { framesPass, holdRequests, type HeldRequests } from './counterSteps.js'; // the test decides when the held answer comes
import { EMAIL_SCREEN, SMS_SCREEN, openFromOffer, pressKeys } from './kioskContactSteps.js';
import { busyLook } from './busyLook.js';
import { outsideViewport } from './fitHelpers.js';
import { openKiosk, serviceButton, showService, WAIT } from './kioskHelpers.js';

/**
 * A busy button is announced as unavailable and keeps focus; pressing it again, by Enter or by a tap, sends nothing
 * more while its request is held.
 */
async function pressedAgainDoesNothing(page: Page, button: Locator, requests: HeldRequests): Promise<void> {
  expect(await button.getAttribute('aria-disabled')).toBe('true');
  expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  const box = await button.boundingBox();
  if (!box) throw new Error('the busy button is not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await framesPass(page);
  expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await button.getAttribute('aria-busy')).toBe('true');
  expect(requests.count()).toBe(1);
}

async function accessible(page: Page, where: string): Promise<void> {
  const v = await axeViolations(page);
  expect(v, `${where}: ${describeViolations(v)}`).toEqual([]);
}

describe('kiosk: a button shows that its request is running', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  const screens = [
    { viewport: { width: 1080, height: 1920 }, large: false },
    { viewport: { width: 1280, height: 1024 }, large: true },
  ] as const;
  for (const { viewport, large } of screens) {
    it(`Continue turns a ring and shows the progress cursor while the ticket is taken, in place; it keeps focus and a second press does nothing (${viewport.width}×${viewport.height}${large ? ', large text' : ''})`, async () => {
      const page = await openKiosk(browser, server, '?id=entrance', { viewport, large });
      await showService(page, 'parking');
      await serviceButton(page, 'parking').click();
      await page.locator('main[data-screen="needs"]').waitFor(WAIT);
      const button = page.locator('main button.primary');
      const idle = await busyLook(button);
      expect(idle.ring).toBe(false);
      expect(idle.cursor).toBe('pointer');
      const before = await button.boundingBox();

      const issues = await holdRequests(page, '**/api/v1/tickets');
      await button.focus();
      await page.keyboard.press('Enter');
      await issues.held;
      await page.locator('main button.primary[aria-busy="true"]').waitFor(WAIT);
      const busy = await busyLook(button);
      expect(busy).toMatchObject({ cursor: 'progress', ring: true, turning: true });
      expect(busy.contrast).toBeGreaterThanOrEqual(3);
      // The label does not move and nothing leaves the screen.
      expect(await button.boundingBox()).toEqual(before);
      expect(await outsideViewport(page, 'main button, main h1')).toEqual([]);
      await accessible(page, 'needs screen, taking the ticket');
      await pressedAgainDoesNothing(page, button, issues);

      issues.release();
      await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
      await page.close();
    });
  }

  it('without motion the ring stands still but stays; the check-in button shows it too', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 }, reducedMotion: 'reduce' });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await page.getByRole('button', { name: 'I have an appointment' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'booking-code', undefined, WAIT);
    await page.keyboard.type('ZZZZZ-ZZZZZ');
    const checkIns = await holdRequests(page, '**/api/v1/appointments/check-in');
    await page.keyboard.press('Enter');
    await checkIns.held;
    const button = page.getByRole('button', { name: 'Check in', exact: true });
    await expect.poll(() => button.getAttribute('aria-busy'), WAIT).toBe('true');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    const busy = await busyLook(button);
    expect(busy).toMatchObject({ cursor: 'progress', ring: true, turning: false });
    expect(busy.contrast).toBeGreaterThanOrEqual(3);
    await accessible(page, 'check-in, checking the code');
    checkIns.release();
    await page.getByRole('alert').filter({ hasText: 'There is no appointment with this code' }).waitFor(WAIT);
    expect(await busyLook(button)).toMatchObject({ ring: false, cursor: 'pointer' });
    await page.close();
  });
});

describe('kiosk: the text and email send buttons while their request runs', () => {
  let server: TestServer;
  let browser: Browser;
  withNotifyingHall((h) => ({ server, browser } = h));

  for (const [screen, address, saved] of [
    [SMS_SCREEN, '0401234567', 'We will text +358 ••• ••67.'],
    [EMAIL_SCREEN, 'anna@example.fi', 'We will email a•••@example.fi.'],
  ] as const) {
    it(`"${screen.send}" is busy, not disabled, while the address is saved: focus stays, a second press sends nothing, the ring shows`, async () => {
      const { page, contacts } = await openFromOffer(browser, server, screen);
      await pressKeys(page, screen, address);
      const button = page.getByRole('button', { name: screen.send });
      const before = await button.boundingBox();

      const saves = await holdRequests(page, '**/api/v1/tickets/status/*/notify');
      await button.click();
      await saves.held;
      await expect.poll(() => button.getAttribute('aria-busy'), WAIT).toBe('true');
      const busy = await busyLook(button);
      expect(busy).toMatchObject({ cursor: 'progress', ring: true, turning: true });
      expect(busy.contrast).toBeGreaterThanOrEqual(3);
      expect(await button.boundingBox()).toEqual(before);
      expect(await outsideViewport(page, 'main button, main h1, main input')).toEqual([]);
      await accessible(page, `${screen.screen} screen, saving`);
      await pressedAgainDoesNothing(page, button, saves);

      saves.release();
      await page.locator('main[data-screen="confirm"] .confirm-sms').waitFor(WAIT);
      expect(await page.locator('.confirm-sms').textContent()).toBe(saved);
      expect(await contacts()).toHaveLength(1);
      await page.close();
    });
  }
});
