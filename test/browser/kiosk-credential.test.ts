import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { signIn } from './counterSteps.js';
import { WAIT, activeTickets, serviceButton } from './kioskHelpers.js';

async function takeTicket(page: Page): Promise<void> {
  await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
  await serviceButton(page, 'identity').click();
  await page.locator('main[data-screen="needs"]').waitFor(WAIT);
  await page.getByRole('button', { name: 'Get my ticket' }).click();
  await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
}

describe('kiosks as known devices: a credential from the admin screen', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // One anonymous ticket a minute per address: only an enrolled kiosk can issue the second.
    server = await startServer({ env: { VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '1' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('an admin creates a kiosk credential; the kiosk opened once with it issues beyond the anonymous rate', async () => {
    const admin = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(admin.page, server, 'admin', 'admin-password-for-tests');
    await admin.page.goto(`${server.url}/counter/#/admin`);
    await admin.page.getByRole('heading', { name: 'Kiosk credentials' }).waitFor(WAIT);
    await admin.page.getByLabel('Kiosk', { exact: true }).selectOption('entrance');
    await admin.page.getByRole('button', { name: 'Create a credential' }).click();
    const linkField = admin.page.getByLabel('Address to open on the kiosk');
    await linkField.waitFor(WAIT);
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/kiosk\/\?id=entrance#credential=vuoro_[\w-]+$/);
    expect(describeViolations(await axeViolations(admin.page))).toBe('');
    await admin.context.close();

    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
    await page.goto(link);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    expect(page.url()).not.toContain('credential');
    await takeTicket(page);
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await takeTicket(page);
    expect(await activeTickets(server)).toHaveLength(2);
    // The same browser without the credential is held to the anonymous rate.
    await page.evaluate(() => window.localStorage.clear());
    const anonymous = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'identity' }),
    });
    expect([201, 429]).toContain(anonymous.status);
    const again = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'identity' }),
    });
    expect(again.status).toBe(429);
    await context.close();
  });
});
