import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import type { Ack, Snapshot } from '../../server/src/protocol/index.js';
import { startServer, type ClientSocket, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';

// A display that shares its address with a client flooding joins is refused (`too_many_requests`) while the address's
// budget is spent. It must ask again by itself once the server says it may, not stay on the error until a reconnect.
// Staff screens and kiosks share the hall's address budget too (a counter behind the same NAT as a flooding phone).
describe('a display, counter or kiosk refused for too many requests recovers by itself', () => {
  let browser: Browser;
  let server: TestServer;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await server?.dispose();
  });

  /** 30 sockets × 10 joins from this machine's address: each socket within its own limit, the address's 300 spent. */
  async function spendAddressBudget(): Promise<void> {
    const open = await Promise.all(
      Array.from(
        { length: 30 },
        () =>
          new Promise<ClientSocket>((resolve, reject) => {
            const s: ClientSocket = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
            sockets.push(s);
            s.once('connect', () => resolve(s));
            s.once('connect_error', reject);
          }),
      ),
    );
    const join = (s: ClientSocket) =>
      new Promise<Ack<Snapshot>>((resolve) => (s.emit as (e: string, p: unknown, a: (r: Ack<Snapshot>) => void) => void)('hall:join', { role: 'display' }, resolve));
    const answers = await Promise.all(open.flatMap((s) => Array.from({ length: 10 }, () => join(s))));
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(300);
    const probe = await join(open[0] as ClientSocket);
    expect(probe.ok ? 'ok' : probe.error.code).toBe('too_many_requests');
    for (const s of sockets.splice(0)) s.close();
  }

  it('shows the refusal, then joins when the address may ask again', async () => {
    await spendAddressBudget();
    const { page } = await newPage(browser, { viewport: { width: 1600, height: 900 } });
    await page.goto(`${server.url}/display?id=hall`);
    await page.locator('.board__error').waitFor({ timeout: 10_000 });
    // The address's window is 10 s; the display asks again after the delay the server gave, without a reconnect.
    await page.locator('.board__body').waitFor({ timeout: 30_000 });
    expect(await page.locator('.board__error').count()).toBe(0);
  });

  it('a counter screen refused on joining says the server is busy, then loads the hall by itself', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}/counter/`);
    await page.getByLabel('Username').fill('city-staff');
    await page.getByLabel('Password', { exact: true }).fill('demo-city-staff');
    await spendAddressBudget();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The server is busy. Trying again by itself in a moment…').waitFor({ timeout: 10_000 });
    await page.getByRole('heading', { name: 'Choose your counter' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('The server is busy').count()).toBe(0);
  });

  it('a kiosk refused on joining is out of service, then shows its start screen by itself', async () => {
    await spendAddressBudget();
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main.out-of-service').waitFor({ timeout: 10_000 });
    await page.locator('main[data-screen="start"] h1').waitFor({ timeout: 30_000 });
    expect(await page.locator('main.out-of-service').count()).toBe(0);
  });
});
