import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ServiceStatus } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, signIn } from './counterSteps.js';
import { goTo } from './backofficeSteps.js';

async function expectAccessible(page: Page): Promise<void> {
  const v = await axeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}

describe('back office: hall administration in the counter client', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function openAdmin(): Promise<{ page: Page; close(): Promise<void> }> {
    const { context, page } = await newPage(browser, { acceptDownloads: true });
    await signIn(page, server, 'admin', ADMIN_PASSWORD);
    await goTo(page, 'Administration', 'Hall administration');
    await page.getByLabel('Service to edit').waitFor(WAIT);
    return { page, close: () => context.close() };
  }

  it('an admin renames a service and the public API shows the new name at once', async () => {
    const { page, close } = await openAdmin();
    await page.getByLabel('Service to edit').selectOption('parking');
    await page.getByLabel('Name (English)').fill('Parking permits and badges');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.getByTestId('live-region').filter({ hasText: 'Saved' }).waitFor(WAIT);
    const services = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    expect(services.body.find((s) => s.id === 'parking')?.name.en).toBe('Parking permits and badges');
    // The staff screens follow the pushed configuration: the supervisor view lists the new name.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Supervisor view' }).click();
    await page.getByTestId('sup-service-parking').filter({ hasText: 'Parking permits and badges' }).waitFor(WAIT);
    await close();
  });

  it('every group of fields has room above its heading ("Opening hours" does not touch the inputs before it)', async () => {
    const { page, close } = await openAdmin();
    await page.getByLabel('Service to edit').selectOption('identity');
    const gaps = await page.evaluate(() =>
      [...document.querySelectorAll('form fieldset > legend')].map((legend) => {
        const fieldset = legend.parentElement as HTMLElement;
        const before = fieldset.previousElementSibling as HTMLElement | null;
        const controls = before ? [...before.querySelectorAll('input, select, textarea')].map((c) => c.getBoundingClientRect().bottom) : [];
        const above = Math.max(before?.getBoundingClientRect().bottom ?? 0, ...controls);
        return { legend: legend.textContent ?? '', gap: legend.getBoundingClientRect().top - above };
      }),
    );
    expect(gaps.map((g) => g.legend)).toContain('Opening hours');
    for (const g of gaps) expect(g.gap, g.legend).toBeGreaterThanOrEqual(12);
    await close();
  });

  it('an invalid prefix is refused with the message next to the field and in an error summary', async () => {
    const { page, close } = await openAdmin();
    await page.getByLabel('Service to edit').selectOption('identity');
    await page.getByLabel('Ticket prefix').fill('a1');
    await page.getByRole('button', { name: 'Save service' }).click();
    const inline = page.getByTestId('svc-prefix-error');
    await inline.waitFor(WAIT);
    expect(await inline.textContent()).toContain('one or two capital letters');
    expect(await page.getByLabel('Ticket prefix').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Ticket prefix').getAttribute('aria-describedby')).toContain('svc-prefix-error');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link', { name: /Ticket prefix: one or two capital letters/ }).count()).resolves.toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('svc-errors');
    const services = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    expect(services.body.find((s) => s.id === 'identity')?.prefix).toBe('A');
    await expectAccessible(page);
    await close();
  });

  it('an admin creates a staff account after fixing a too-short password', async () => {
    const { page, close } = await openAdmin();
    const users = page.getByRole('region', { name: 'Staff accounts' });
    await users.getByLabel('Username').fill('desk-temp');
    await users.getByLabel('Name shown').fill('Temporary desk');
    await users.getByLabel('Password', { exact: true }).fill('short');
    await users.getByLabel('Role').selectOption('staff');
    await users.getByLabel('Organisation').selectOption('county');
    await users.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('user-password-error').filter({ hasText: 'at least 10 characters' }).waitFor(WAIT);
    await users.getByLabel('Password', { exact: true }).fill('long-enough-password');
    await users.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('admin-user-desk-temp').filter({ hasText: 'County' }).waitFor(WAIT);
    expect((await server.api('POST', '/api/v1/session', { body: { username: 'desk-temp', password: 'long-enough-password' } })).status).toBe(201);
    await close();
  });

  it('the whole configuration downloads as JSON, and an invalid import names the wrong field and changes nothing', async () => {
    const { page, close } = await openAdmin();
    const config = page.getByRole('region', { name: 'Whole configuration (import and export)' });
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), config.getByRole('button', { name: 'Download the configuration' }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { services: { id: string; prefix: string }[] };
    expect(exported.services.map((s) => s.id)).toContain('identity');
    await config.getByRole('button', { name: 'Edit the current configuration here' }).click();
    const editor = config.getByLabel('Hall configuration (JSON)');
    await expect.poll(() => editor.inputValue(), WAIT).toContain('"identity"');
    const broken = JSON.parse(await editor.inputValue()) as { services: { prefix: string }[] };
    const first = broken.services[0];
    if (first) first.prefix = 'lower';
    await editor.fill(JSON.stringify(broken));
    await config.getByRole('button', { name: 'Import and apply' }).click();
    await page.getByTestId('config-json-error').filter({ hasText: 'services.0.prefix' }).waitFor(WAIT);
    const services = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    expect(services.body[0]?.prefix).not.toBe('lower');
    await close();
  });

  it('the administration screen has no axe violations', async () => {
    const { page, close } = await openAdmin();
    await page.getByRole('button', { name: 'Change city-staff' }).click();
    await page.getByRole('heading', { name: 'Change account city-staff' }).waitFor(WAIT);
    await expectAccessible(page);
    await close();
  });

  it('the admin sees failed sign-ins and the locked account, and the panel is axe-clean', async () => {
    for (let i = 0; i < 6; i += 1) {
      await server.api('POST', '/api/v1/session', { body: { username: 'county-staff', password: `guess-${i}` }, headers: { 'x-forwarded-for': '10.9.8.7' } });
    }
    const { page, close } = await openAdmin();
    const table = page.getByTestId('admin-signins');
    await table.getByRole('row').filter({ hasText: '10.9.8.7' }).first().waitFor(WAIT);
    expect(await table.getByRole('row').filter({ hasText: 'Wrong username or password' }).filter({ hasText: '10.9.8.7' }).count()).toBe(5);
    expect(await table.getByRole('row').filter({ hasText: 'Refused: too many failures' }).count()).toBe(1);
    expect(await page.getByTestId('admin-signins-locked').textContent()).toContain('county-staff on 10.9.8.7: locked until');
    await page.getByRole('heading', { name: 'Sign-in attempts' }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await close();
  });

  it('a supervisor is told hall administration is for admins only', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-supervisor');
    await page.goto(`${server.url}/counter/#/admin`);
    await page.getByTestId('not-allowed').waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await context.close();
  });
});
