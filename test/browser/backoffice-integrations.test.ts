import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiKeyView, WebhookView } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, signIn } from './counterSteps.js';
import { goTo } from './backofficeSteps.js';

async function expectAccessible(page: Page): Promise<void> {
  const v = await axeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}

describe('back office: API keys, webhooks and the audit log in Administration', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function openAdmin(viewport = { width: 1366, height: 768 }): Promise<{ page: Page; close(): Promise<void> }> {
    const { context, page } = await newPage(browser, { viewport, acceptDownloads: true });
    await signIn(page, server, 'admin', ADMIN_PASSWORD);
    await goTo(page, 'Administration', 'Hall administration');
    await page.getByRole('heading', { name: 'API keys' }).waitFor(WAIT);
    return { page, close: () => context.close() };
  }

  it('an admin creates an API key, sees its secret once, and revokes it; the key stops working at once', async () => {
    const { page, close } = await openAdmin();
    await page.getByLabel('Key name').fill('Booking system');
    await page.getByRole('checkbox', { name: /tickets:read/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('api-key-secret').locator('code').textContent({ timeout: 20_000 })) ?? '';
    expect(secret).toMatch(/^vuoro_/);
    expect((await server.api('GET', '/api/v1/tickets', { token: secret })).status).toBe(200);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    const keys = (await server.api<ApiKeyView[]>('GET', '/api/v1/admin/api-keys', { token: await server.login('admin') })).body;
    const key = keys.find((k) => k.name === 'Booking system');
    await page.getByTestId(`api-key-${key?.id}`).getByRole('button', { name: /Revoke/ }).click();
    await page.getByTestId(`api-key-${key?.id}`).filter({ hasText: 'Revoked' }).waitFor(WAIT);
    expect((await server.api('GET', '/api/v1/tickets', { token: secret })).status).toBe(401);
    await close();
  });

  it('a missing scope is refused with the message in an error summary; nothing is created', async () => {
    const { page, close } = await openAdmin();
    await page.getByLabel('Key name').fill('No scopes');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor(WAIT);
    const keys = (await server.api<ApiKeyView[]>('GET', '/api/v1/admin/api-keys', { token: await server.login('admin') })).body;
    expect(keys.some((k) => k.name === 'No scopes')).toBe(false);
    await expectAccessible(page);
    await close();
  });

  it('an admin subscribes a webhook, pauses it, and reads the audit log of it all', async () => {
    const { page, close } = await openAdmin();
    await page.getByLabel('Receiver address (URL)').fill('http://127.0.0.1:9/hook');
    await page.getByRole('checkbox', { name: 'ticket.issued' }).check();
    await page.getByRole('checkbox', { name: /Allow plain http/ }).check();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    expect((await page.getByTestId('webhook-secret').locator('code').textContent({ timeout: 20_000 })) ?? '').toMatch(/^whsec_/);
    const hooks = (await server.api<WebhookView[]>('GET', '/api/v1/admin/webhooks', { token: await server.login('admin') })).body;
    const hook = hooks[0];
    expect(hook).toMatchObject({ url: 'http://127.0.0.1:9/hook', eventTypes: ['ticket.issued'], allowHttp: true });
    await page.getByTestId(`webhook-${hook?.id}`).getByRole('button', { name: /Pause/ }).click();
    await page.getByTestId(`webhook-${hook?.id}`).filter({ hasText: 'Paused' }).waitFor(WAIT);
    await page.getByTestId(`webhook-${hook?.id}`).getByRole('button', { name: /Failed deliveries/ }).click();
    await page.getByTestId('webhook-dead').filter({ hasText: 'No failed deliveries.' }).waitFor(WAIT);

    await page.getByLabel('What').selectOption('webhook.update');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const rows = page.getByTestId('admin-audit').locator('tbody tr');
    await rows.filter({ hasText: 'webhook.update' }).first().waitFor(WAIT);
    expect(await rows.filter({ hasNotText: 'webhook.update' }).count()).toBe(0);
    await rows.first().getByText('Show').click();
    expect(await rows.first().locator('pre').textContent()).toContain('"active": false');
    await expectAccessible(page);
    await close();
  });

  it('fits a tablet (820×1180) without sideways scrolling', async () => {
    const { page, close } = await openAdmin({ width: 820, height: 1180 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await close();
  });
});

describe('back office: a supervisor reads the audit log of their organisation', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('the supervisor view lists the announcements of city staff and not the county ones', async () => {
    await server.api('PUT', '/api/v1/announcement', { token: await server.login('county-supervisor'), body: { text: 'County notice' } });
    await server.api('PUT', '/api/v1/announcement', { token: await server.login('city-supervisor'), body: { text: 'City notice' } });
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'city-supervisor');
    await page.getByRole('link', { name: 'Supervisor view' }).click();
    const rows = page.getByTestId('admin-audit').locator('tbody tr');
    await rows.filter({ hasText: 'announcement.set' }).first().waitFor(WAIT);
    expect(await rows.filter({ hasText: 'city-supervisor' }).count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: 'county-supervisor' }).count()).toBe(0);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });
});
