import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssueTicketResponse, OpsStatus } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';
import { openKiosk, serviceButton } from './kioskHelpers.js';

const WAIT = { timeout: 30_000 };

/** A flag in the page's window: gone once the page has reloaded. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { __loadedBefore: true }));
const reloaded = (page: Page) => page.evaluate(() => !('__loadedBefore' in window));

describe('screens reload themselves after a server upgrade, at a quiet moment', () => {
  let browser: Browser;
  let server: TestServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer({ version: '1.0.0' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('a display waits until no number was called for 20 s; a kiosk waits until nobody is using it', async () => {
    const display = (await newPage(browser, { viewport: { width: 1600, height: 900 } })).page;
    await display.goto(`${server.url}/display?id=hall`);
    await display.locator('.board__body').waitFor(WAIT);
    const idleKiosk = await openKiosk(browser, server);
    const busyKiosk = await openKiosk(browser, server);
    for (const p of [display, idleKiosk, busyKiosk]) await mark(p);

    // The screens said hello with their clocks: the admin sees them on 1.0.0.
    const admin = await server.login('admin');
    await expect.poll(async () => (await server.api<OpsStatus>('GET', '/api/v1/admin/status', { token: admin })).body.screens.filter((s) => s.version === null).length, WAIT).toBe(3);

    // A visitor is half-way on one kiosk; a number has just been called on the display.
    await serviceButton(busyKiosk, 'identity').click();
    await busyKiosk.locator('main[data-screen="needs"]').waitFor(WAIT);
    const staff = await server.login('city-staff');
    const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    await server.api('POST', '/api/v1/counters/1/open', { token: staff, body: {} });
    expect((await server.api('POST', '/api/v1/counters/1/next', { token: staff, body: {} })).status).toBe(200);
    await display.locator(`[data-testid="current-call"][data-number="${t.body.ticket.number}"]`).waitFor(WAIT);
    const calledAt = Date.now();

    // The upgrade: the same data and port, a new release.
    const port = Number(new URL(server.url).port);
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port, version: '1.1.0' });

    // The idle kiosk reloads soon; the busy kiosk and the display do not yet.
    await idleKiosk.waitForFunction(() => !('__loadedBefore' in window), null, WAIT);
    await idleKiosk.locator('main[data-screen="start"] h1').waitFor(WAIT);
    expect(await reloaded(busyKiosk)).toBe(false);
    if (Date.now() - calledAt < 15_000) expect(await reloaded(display)).toBe(false);
    expect(await busyKiosk.locator('main[data-screen="needs"]').count()).toBe(1);

    // The display reloads once the call is 20 s old, and shows the board again.
    await display.waitForFunction(() => !('__loadedBefore' in window), null, { timeout: 45_000 });
    expect(Date.now() - calledAt).toBeGreaterThanOrEqual(19_000);
    await display.locator('.board__body').waitFor(WAIT);

    // The visitor finishes (back to the start screen): then that kiosk reloads too.
    expect(await reloaded(busyKiosk)).toBe(false);
    await busyKiosk.getByRole('button', { name: /back|start again/i }).first().click();
    await busyKiosk.waitForFunction(() => !('__loadedBefore' in window), null, WAIT);
    await busyKiosk.locator('main[data-screen="start"] h1').waitFor(WAIT);
  }, 150_000);
});
