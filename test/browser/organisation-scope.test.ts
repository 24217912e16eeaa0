import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CounterView, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { WAIT, liveRegionContains, openCounter, signIn } from './counterSteps.js';

const LAPTOP = { width: 1366, height: 768 };

describe('counter client: organisations sharing the hall, on screen', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await server.login('admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('an admin sets who may help whom on the administration screen, with the keyboard, and it is saved one way', async () => {
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await signIn(page, server, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}/counter/#/admin`);
    const section = page.getByRole('region', { name: 'Organisations helping each other' });
    const city = section.getByRole('group', { name: 'City staff may also work for' });
    await city.waitFor(WAIT);
    const county = city.getByRole('checkbox', { name: 'County' });
    expect(await county.isChecked()).toBe(false);
    await county.focus();
    await page.keyboard.press('Space');
    expect(await county.isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), WAIT).toBe('Save for City');
    await page.keyboard.press('Enter');
    await liveRegionContains(page, 'Saved: City staff may now help County.');
    const matrix = await server.api<Record<string, string[]>>('GET', '/api/v1/admin/organisations/may-help', { token: admin });
    expect(matrix.body).toEqual({ city: ['county'], county: [] });
    expect(describeViolations(await axeViolations(page))).toBe('');

    await county.uncheck();
    await section.getByRole('button', { name: 'Save for City' }).click();
    await liveRegionContains(page, 'Saved: City staff now help no other organisation.');
    expect((await server.api<Record<string, string[]>>('GET', '/api/v1/admin/organisations/may-help', { token: admin })).body).toEqual({ city: [], county: [] });
    await context.close();
  });

  it("a city supervisor edits only the city part of a shared counter's profile and cannot edit a county counter", async () => {
    const county = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: county })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/7/open', { token: admin })).status).toBe(200);
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await signIn(page, server, 'city-supervisor');
    await page.goto(`${server.url}/counter/#/supervisor`);
    const row4 = page.getByTestId('sup-counter-4');
    await row4.waitFor(WAIT);
    await row4.getByText("Another organisation's counter").waitFor(WAIT);
    expect(await row4.getByRole('button').count()).toBe(0);

    await page.getByTestId('sup-counter-7').getByRole('button', { name: /Change work profile/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(WAIT);
    const offered = await dialog.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.closest('label')?.textContent ?? ''));
    expect(offered).toEqual(['Identity cards and passports', 'Residence registration', 'Parking permits', 'Lost and found']);
    await dialog.getByTestId('profile-others').getByText(/Vehicle registration/).waitFor(WAIT);
    await dialog.getByRole('checkbox', { name: 'Lost and found' }).uncheck();
    expect(describeViolations(await axeViolations(page))).toBe('');
    await dialog.getByRole('button', { name: 'Save work profile' }).click();
    await liveRegionContains(page, 'Work profile of counter 7 saved');
    const seven = (await server.api<CounterView[]>('GET', '/api/v1/counters', { token: admin })).body.find((c) => c.id === '7');
    const ids = seven?.services.map((p) => p.serviceId) ?? [];
    expect(ids).not.toContain('lost-found');
    for (const kept of ['vehicles', 'licences', 'immigration']) expect(ids).toContain(kept);
    await context.close();
  });

  it('a queue longer than the snapshot lists says how many more wait ("and N more")', async () => {
    for (let i = 0; i < 305; i++) {
      const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { token: admin, body: { serviceId: 'residence' } });
      expect(r.status).toBe(201);
    }
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await signIn(page, server, 'city-staff');
    await openCounter(page, '2');
    const more = page.getByTestId('queue-more');
    await more.waitFor(WAIT);
    expect(await more.textContent()).toContain('and 5 more waiting, not listed here');
    expect(await page.getByTestId('queue-summary').textContent()).toMatch(/^305 waiting/);
    expect(await page.locator('.queue__services').textContent()).toContain('Residence registration: 305 waiting');
    await context.close();
  });
});
