import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, NotifyOptionsView } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startPushService } from '../support/pushService.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';

const WAIT = { timeout: 15_000 };

/**
 * The status page's push opt-in in Chromium. Headless Chromium cannot reach a browser vendor's push service, so the
 * one fake is at that boundary: `PushManager.subscribe` answers with a subscription at the test's local push service
 * (which verifies the VAPID JWT and decrypts like a browser). Permission, the service worker and the page are real.
 */
describe('the status page: a notification on this phone (Web Push)', () => {
  let push: Awaited<ReturnType<typeof startPushService>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    push = await startPushService();
    const hall = demoHall();
    hall.hall.publicUrl = 'https://queue.example.org';
    hall.notifications = { push: { allowedEndpoints: [`${push.origin}/push/`] } };
    server = await startServer({ hall, notifications: { pollMs: 50 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await push?.close();
  });

  it('opting in registers the service worker, subscribes with the server\'s key, and the call arrives as a push; axe-clean', async () => {
    const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await context.grantPermissions(['notifications'], { origin: server.url });
    await page.addInitScript((sub) => {
      const seen: { key: string | null } = { key: null };
      (window as unknown as { __pushKey: typeof seen }).__pushKey = seen;
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const k = options?.applicationServerKey;
        seen.key = k instanceof Uint8Array ? btoa(String.fromCharCode(...k)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : null;
        return { toJSON: () => sub } as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () => null;
    }, push.subscription);
    await page.goto(server.url + t.statusPath);
    await page.getByRole('heading', { name: 'Tell me when it is my turn' }).waitFor(WAIT);
    expect(await page.getByTestId('push-note').count()).toBe(0);
    await page.getByLabel('A notification on this phone').check();
    await page.getByLabel('When only a few people are ahead of me').selectOption('off');
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.getByRole('button', { name: 'Tell me' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved');
    expect(await page.locator('.notify-active').textContent()).toContain('A notification on this phone: when you are called');
    const options = (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`)).body;
    expect(options.contacts).toEqual([{ channel: 'push', masked: `push via ${new URL(push.origin).host}`, ahead: null, onCall: true }]);
    expect(await page.evaluate(() => (window as unknown as { __pushKey: { key: string | null } }).__pushKey.key)).toBe(options.channels.push.publicKey);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/kiosk/'))?.active?.scriptURL ?? null)).toMatch(/\/kiosk\/status-sw\.js$/);
    expect(describeViolations(await axeViolations(page))).toBe('');

    const staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    await waitFor('the push', () => push.deliveries.length === 1);
    expect(push.deliveries[0]?.vapid.valid).toBe(true);
    expect(JSON.parse(push.deliveries[0]?.payload ?? '{}')).toMatchObject({ body: `Ticket ${t.number}: please go to counter 4 now.`, tag: 'vuoro-call' });
    await expect.poll(() => page.title(), WAIT).toContain('Go to counter 4');
    await context.close();
  });
});
