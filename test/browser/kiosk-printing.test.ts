import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHub } from '../../server/src/app.js';
import type { DeviceStatusView, PrintResult } from '../../server/src/protocol/index.js';
import { launchBrowser } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';
import { openKiosk, serviceButton, WAIT } from './kioskHelpers.js';

/** A printer at the true boundary: the device hub answers with the outcome under test. */
function printerSaying(result: PrintResult): () => DeviceHub {
  return () => ({
    print: () => Promise.resolve(result),
    statuses: () => [],
    close: () => Promise.resolve(),
  });
}

describe('the start screen and a printer in trouble', () => {
  it('says before the visitor chooses that tickets cannot be printed, and clears it when the printer is ready', async () => {
    let notify: ((d: DeviceStatusView) => void) | undefined;
    const server = await startServer({
      devices: (_s, n) => {
        notify = n;
        return printerSaying({ status: 'failed', deviceId: 'entrance-printer', message: 'paper out' })();
      },
    });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await openKiosk(browser, server);
      const printer = (state: DeviceStatusView['state']): DeviceStatusView => ({
        id: 'entrance-printer',
        kind: 'printer',
        state,
        lastError: null,
        since: Date.now(),
        kioskId: 'entrance',
        counterId: null,
      });
      notify?.(printer('paper-out'));
      const notice = page.locator('[data-printer-trouble]');
      await notice.waitFor(WAIT);
      expect(await notice.textContent()).toContain('The ticket printer is not working at the moment.');
      notify?.(printer('ready'));
      await notice.waitFor({ state: 'detached', ...WAIT });
      await page.close();
    } finally {
      await browser?.close();
      await server.dispose();
    }
  });
});

describe('the confirmation screen and the printer', () => {
  let browser: Browser;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.dispose()));
  });

  const cases: [PrintResult, string, string][] = [
    [{ status: 'printed', deviceId: 'entrance-printer' }, 'printed', 'Take your printed ticket below the screen.'],
    [
      { status: 'failed', deviceId: 'entrance-printer', message: 'paper out' },
      'failed',
      'Your ticket could not be printed. Take a photo of this screen or scan the code.',
    ],
  ];
  for (const [result, status, message] of cases) {
    it(`says "${message}" when the print is ${status}`, async () => {
      const server = await startServer({ devices: printerSaying(result) });
      servers.push(server);
      const page = await openKiosk(browser, server);
      await serviceButton(page, 'parking').click();
      await page.locator('main[data-screen="needs"]').waitFor(WAIT);
      await page.locator('button.primary').click();
      await page.locator(`[data-print="${status}"]`).waitFor(WAIT);
      expect(await page.locator(`[data-print="${status}"]`).textContent()).toContain(message);
      // The number and the QR code stay on screen either way.
      expect(await page.locator('.ticket-number').textContent()).toMatch(/^C\d{3}$/);
      expect(await page.locator('svg.qr').count()).toBe(1);
      await page.close();
    });
  }
});
