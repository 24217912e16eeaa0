import { afterEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, currentNumber, issue, keepIntercepting, openCounter, signIn } from './counterSteps.js';

describe('counter client: two counters at once', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  /**
   * A test's own server and the browser context on it: closed after the test however it ends, a failed assertion
   * included (the context first, so the server stops with no page still connected), and the server's data removed.
   */
  let own: { server: TestServer; context?: BrowserContext } | undefined;
  afterEach(async () => {
    await own?.context?.close();
    await own?.server.dispose();
    own = undefined;
  });

  /** The number in the queue row, or null when the row is gone. */
  const inQueue = (page: Page, number: string) => page.getByTestId(`queue-row-${number}`);

  it('two counters pressing Call next at once get different tickets and both screens agree', async () => {
    const a = await issue(server, 'residence');
    const b = await issue(server, 'residence');
    const c = await issue(server, 'residence');
    const one = await newPage(browser);
    const two = await newPage(browser);
    await signIn(one.page, server, 'city-staff');
    await openCounter(one.page, '1');
    await signIn(two.page, server, 'city-supervisor');
    await openCounter(two.page, '3');
    for (const p of [one.page, two.page]) await inQueue(p, c.number).waitFor(WAIT);

    await Promise.all([one.page.keyboard.press('n'), two.page.keyboard.press('n')]);
    const first = await currentNumber(one.page);
    const second = await currentNumber(two.page);
    expect(first).not.toBe(second);
    expect([a.number, b.number, c.number]).toContain(first);
    expect([a.number, b.number, c.number]).toContain(second);

    // Both screens show the same queue: only the ticket nobody called is still waiting.
    const left = [a.number, b.number, c.number].find((n) => n !== first && n !== second) ?? '';
    for (const p of [one.page, two.page]) {
      await inQueue(p, first).waitFor({ state: 'detached', ...WAIT });
      await inQueue(p, second).waitFor({ state: 'detached', ...WAIT });
      await inQueue(p, left).waitFor(WAIT);
      await p.getByTestId('queue-summary').filter({ hasText: '1 waiting' }).waitFor(WAIT);
    }
    await one.context.close();
    await two.context.close();
  });

  it('opening a counter someone holds offers a take-over, and the first holder is told', async () => {
    const first = await newPage(browser);
    const second = await newPage(browser);
    await signIn(first.page, server, 'county-staff');
    await openCounter(first.page, '5');
    await signIn(second.page, server, 'county-supervisor');
    await second.page.getByRole('radio', { name: /^Counter 5\b/ }).check();
    await second.page.getByRole('button', { name: 'Open counter 5' }).click();
    await second.page.getByRole('heading', { name: 'Counter 5 is already open' }).waitFor(WAIT);
    await second.page.getByRole('button', { name: 'Take over counter 5' }).click();
    await second.page.getByRole('heading', { level: 1, name: 'Counter 5' }).waitFor(WAIT);

    await first.page.getByRole('alert').filter({ hasText: 'Counter 5 was taken over by Dirk (County supervisor)' }).waitFor(WAIT);
    await first.page.getByRole('heading', { name: 'Choose your counter' }).waitFor(WAIT);
    await first.context.close();
    await second.context.close();
  });

  it('calling a ticket someone else called first shows a clear message and the screen stays consistent', async () => {
    const fresh = await startServer();
    own = { server: fresh };
    const t = await issue(fresh, 'lost-found');
    const { context, page } = await newPage(browser);
    own.context = context;
    await signIn(page, fresh, 'city-staff');
    await openCounter(page, '2');
    await inQueue(page, t.number).waitFor(WAIT);
    const other = await fresh.login('city-supervisor');
    expect((await fresh.api('POST', '/api/v1/counters/3/open', { token: other })).status).toBe(200);
    // The first step's route is removed before the second's is added: interception stays on in between.
    await keepIntercepting(page);
    // Counter 3 calls the ticket in the moment between the click and the request reaching the server.
    await page.route('**/api/v1/counters/2/call', async (route) => {
      const r = await fresh.api('POST', '/api/v1/counters/3/call', { token: other, body: { ticketId: t.id } });
      expect(r.status).toBe(200);
      await route.continue();
    });
    await inQueue(page, t.number).getByRole('button', { name: `Call ${t.number}` }).click();
    await page.getByRole('alert').filter({ hasText: `Ticket ${t.number} is called; it cannot be called.` }).waitFor(WAIT);
    await inQueue(page, t.number).waitFor({ state: 'detached', ...WAIT });
    await page.getByRole('heading', { name: 'Nobody at your counter' }).waitFor(WAIT);
    await page.unroute('**/api/v1/counters/2/call');

    // Network down: a clear message, nothing changes.
    await issue(fresh, 'lost-found');
    await page.getByTestId('queue-summary').filter({ hasText: '1 waiting' }).waitFor(WAIT);
    await page.route('**/api/v1/counters/2/next', (route) => route.abort('internetdisconnected'));
    await page.keyboard.press('n');
    await page.getByRole('alert').filter({ hasText: 'The server cannot be reached' }).waitFor(WAIT);
    await page.getByRole('heading', { name: 'Nobody at your counter' }).waitFor(WAIT);
    await page.getByTestId('queue-summary').filter({ hasText: '1 waiting' }).waitFor(WAIT);
  });
});
