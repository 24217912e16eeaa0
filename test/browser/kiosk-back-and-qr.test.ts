import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, withServerAndBrowser } from '../support/browser.js';
import { demoHall, type TestServer } from '../support/server.js';
import { serviceButton, WAIT } from './kioskHelpers.js';

const PUBLIC_URL = 'https://queue.riverside.example/';

function hallWithPublicUrl() {
  const hall = demoHall();
  hall.hall.publicUrl = PUBLIC_URL;
  return hall;
}

describe('kiosk: the browser Back button and the on-screen QR code', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser(
    (s, b) => {
      server = s;
      browser = b;
    },
    { hall: hallWithPublicUrl() },
  );

  it('Back goes one step back in the visit and never leaves the kiosk', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
    const url = `${server.url}/kiosk/?id=entrance`;
    await page.goto(`${server.url}/`);
    await page.goto(url);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await serviceButton(page, 'parking').click();
    await page.locator('main[data-screen="needs"]').waitFor(WAIT);
    await page.evaluate(() => history.back());
    await page.locator('main[data-screen="start"]').waitFor(WAIT);
    expect(page.url()).toBe(url);
    // On the start screen Back does nothing either (a swipe must not reach the landing page).
    await page.evaluate(() => history.back());
    await page.waitForTimeout(500);
    expect(page.url()).toBe(url);
    await page.locator('main[data-screen="start"]').waitFor(WAIT);
    // Confirmation → Back: the start screen, ready for the next visitor.
    await serviceButton(page, 'parking').click();
    await page.locator('main[data-screen="needs"] button.primary').click();
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
    await page.evaluate(() => history.back());
    await page.locator('main[data-screen="start"]').waitFor(WAIT);
    expect(page.url()).toBe(url);
    await page.close();
  });

  it("the QR code on the screen links to the hall's publicUrl, like the printed one", async () => {
    const { page } = await newPage(browser, { viewport: { width: 1080, height: 1920 } });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await serviceButton(page, 'parking').click();
    await page.locator('main[data-screen="needs"] button.primary').click();
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
    const value = await page.locator('svg.qr').getAttribute('data-value');
    expect(value).toMatch(/^https:\/\/queue\.riverside\.example\/t\/[\w-]+$/);
    await page.close();
  });
});
