import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, withServerAndBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { openKiosk, serviceButton, WAIT } from './kioskHelpers.js';

const OUTAGE = { timeout: 30_000 };

describe('the kiosk without its server', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('says "temporarily out of service" in every language while the server is down, and recovers by itself', async () => {
    const page = await openKiosk(browser, server);
    await server.stop();

    await page.locator('main.out-of-service').waitFor(OUTAGE);
    expect(await page.locator('h1').textContent()).toBe('Temporarily out of service');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const phrase of ['Tilapäisesti poissa käytöstä', 'Tillfälligt ur funktion', 'Vorübergehend außer Betrieb', 'Tijdelijk buiten gebruik', 'Temporairement hors service']) {
      expect(text).toContain(phrase);
    }
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    server = await server.restart();
    await page.locator('main[data-screen="start"]').waitFor(OUTAGE);
    // It works again: a ticket can be taken.
    await serviceButton(page, 'lost-found').click();
    await page.locator('main[data-screen="needs"]').waitFor(WAIT);
    await page.locator('button.primary').click();
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
    expect(await page.locator('.ticket-number').textContent()).toMatch(/^D\d{3}$/);
    await page.close();
  });

  it('an unknown kiosk id gets a message to ask staff, not a blank page', async () => {
    const page = await openKiosk(browser, server);
    await page.goto(`${server.url}/kiosk/?id=no-such-kiosk`);
    await page.locator('main.out-of-service').waitFor(WAIT);
    expect(await page.locator('main').textContent()).toContain('This kiosk is not set up yet. Please ask staff.');
    await page.close();
  });
});
