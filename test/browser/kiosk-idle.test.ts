import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchBrowser } from '../support/browser.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { openKiosk, press, serviceButton, WAIT } from './kioskHelpers.js';

/** The shortest idle time a kiosk may have (20 s) and the warning (30 s) make this the slowest kiosk test. */
const IDLE = { timeout: 60_000 };

describe('the kiosk after inactivity', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    const hall = demoHall();
    const kiosk = hall.kiosks?.[0];
    if (!kiosk) throw new Error('the demo hall has no kiosk');
    kiosk.idleSeconds = 20;
    server = await startServer({ hall });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('warns first, visibly and in speech mode audibly, lets the visitor ask for more time, then starts again', async () => {
    const page = await openKiosk(browser, server);
    const spoken: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/v1/speech') spoken.push(u.searchParams.get('key') ?? '');
    });
    await page.getByRole('button', { name: 'Svenska' }).click();
    await press(page, '*');
    await serviceButton(page, 'identity').click();
    await page.locator('main[data-screen="needs"]').waitFor(WAIT);

    const dialog = page.locator('dialog.idle[open]');
    await dialog.waitFor(IDLE);
    expect(await dialog.locator('h2').textContent()).toBe('Behöver du mer tid?');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), WAIT).toBe('Ja, jag behöver mer tid');
    await expect.poll(() => spoken, WAIT).toContain('speech.idle');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await press(page, 'Enter');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    expect(await page.locator('main').getAttribute('data-screen')).toBe('needs');

    // No answer this time: back to the start, in the hall's default language, speech off.
    await dialog.waitFor(IDLE);
    await page.locator('main[data-screen="start"]').waitFor(IDLE);
    expect(await page.locator('h1').textContent()).toBe('Choose a service');
    expect(await page.getByRole('button', { name: 'Read aloud' }).getAttribute('aria-pressed')).toBe('false');
    await page.close();
  }, 150_000);
});
