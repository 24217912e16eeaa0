import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BackupStatus, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, signIn } from './counterSteps.js';
import { goTo } from './backofficeSteps.js';

describe('back office: the system status for the admin', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function openAdmin(): Promise<{ page: Page; close(): Promise<void> }> {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'admin', ADMIN_PASSWORD);
    await goTo(page, 'Administration', 'Hall administration');
    await page.getByRole('heading', { name: 'System status' }).waitFor(WAIT);
    return { page, close: () => context.close() };
  }

  it('shows health, version, the connected display with its clock difference, and takes a backup on request', async () => {
    const display = await newPage(browser);
    await display.page.goto(`${server.url}/display?id=hall`);
    await display.page.locator('.board__body').waitFor(WAIT);
    const { page, close } = await openAdmin();
    const panel = page.getByTestId('admin-ops');
    await panel.getByTestId('ops-health').filter({ hasText: 'Everything works' }).waitFor(WAIT);
    expect(await panel.getByTestId('ops-version').textContent()).toMatch(/^\d+\.\d+\.\d+ \(database schema \d+\)$/);
    expect(await panel.getByTestId('ops-last-backup').textContent()).toBe('No backup yet');
    // The screens list is read when the panel loads: reload the page until the display has said hello.
    await expect.poll(async () => {
      await page.reload();
      await panel.getByTestId('ops-health').waitFor(WAIT);
      return (await panel.getByTestId('ops-screens').textContent().catch(() => '')) ?? '';
    }, { timeout: 15_000 }).toMatch(/Display hall.*127\.0\.0\.1.*[+−-]?\d+(\.\d)? s|Display hall.*127\.0\.0\.1.*0 s/);
    expect(await panel.getByTestId('ops-retention').textContent()).toContain("Visitors' needs (hearing loop, interpreter…): 7 days after the visit");

    await panel.getByRole('button', { name: 'Back up now' }).click();
    await panel.getByRole('status').filter({ hasText: /^Backup vuoro-.*-manual\.db \(.+\) taken and verified\.$/ }).waitFor(WAIT);
    await panel.getByTestId('ops-backups').getByRole('cell', { name: /-manual\.db$/ }).waitFor(WAIT);
    const list = await server.api<BackupStatus>('GET', '/api/v1/admin/backups', { token: await server.login('admin') });
    expect(list.body.backups).toHaveLength(1);
    expect(await panel.getByTestId('ops-last-backup').textContent()).toMatch(/verified$/);

    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await close();
    await display.context.close();
  }, 90_000);

  it("finds one visitor's data by day and number and erases it; a wrong day is explained next to the field", async () => {
    const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['interpreter:ar'] } });
    expect((await server.api('POST', `/api/v1/tickets/status/${t.body.ticket.statusToken}/cancel`)).status).toBe(200);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
    const { page, close } = await openAdmin();

    await page.getByLabel('Day of the visit').fill('2026-02-30x');
    await page.getByLabel('Ticket number').fill(t.body.ticket.number);
    await page.getByRole('button', { name: 'Find the visit' }).click();
    await page.getByTestId('erase-date-error').waitFor(WAIT);
    expect(await page.getByLabel('Day of the visit').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Day of the visit').fill(today);
    await page.getByRole('button', { name: 'Find the visit' }).click();
    const held = page.getByTestId('erase-held');
    await held.filter({ hasText: 'Needs recorded: 1' }).waitFor(WAIT);
    expect(await held.textContent()).toContain('The status link still works');
    await held.getByRole('button', { name: `Erase the data of ${t.body.ticket.number}` }).click();
    await held.filter({ hasText: 'Needs recorded: 0' }).waitFor(WAIT);
    expect(await held.textContent()).toContain('The status link no longer works');
    await page.getByTestId('live-region').filter({ hasText: `The data of ${t.body.ticket.number} was erased.` }).waitFor(WAIT);
    expect((await server.api('GET', `/api/v1/tickets/status/${t.body.ticket.statusToken}`)).status).toBe(404);

    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await close();
  }, 90_000);
});
