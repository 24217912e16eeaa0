import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, localDate } from '../../server/src/domain/index.js';
import type { CentralLive, CentralSummary, ServiceStatus } from '../../server/src/protocol/index.js';
import { startCentral, type TestCentral } from '../support/central.js';
import { busyStretch, hallClient, waitShipped } from '../support/hallActivity.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { WAIT } from './counterSteps.js';
import { minutesText, percentText } from './backofficeSteps.js';

describe('central back office: halls compared in the counter client', () => {
  let pg: TestPostgres;
  let central: TestCentral;
  const halls: TestServer[] = [];
  let browser: Browser;

  beforeAll(async () => {
    pg = await startPostgres();
    central = await startCentral(await pg.database());
    for (const [i, id] of ['north', 'south'].entries()) {
      const cred = await central.registerHall(id, `${id === 'north' ? 'North' : 'South'} hall`);
      const hall = await startServer({ env: { VUORO_CENTRAL_URL: central.url, VUORO_CENTRAL_TOKEN: cred.token } });
      halls.push(hall);
      const client = await hallClient(hall.url);
      await busyStretch(client, 6 + i * 3, i);
      await waitShipped(client);
    }
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const h of halls) await h.dispose();
    await central?.stop();
    await pg?.stop();
  });

  it('the comparison screen shows each hall with the figures the API computes, and has no axe violations', async () => {
    const today = localDate(Date.now(), 'Europe/Helsinki');
    const admin = await central.login('admin');
    const entry = await central.api('PUT', '/api/v1/central/catalogue/passport', { token: admin, body: { name: { en: 'Passports and ID cards', fi: 'Passit ja henkilökortit' }, targetMinutes: 12 } });
    expect(entry.status).toBe(200);
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${central.url}/counter/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Halls compared' }).waitFor(WAIT);
    await page.getByLabel('From', { exact: true }).fill(addDays(today, -1));
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByTestId('central-status').filter({ hasText: `Showing ${addDays(today, -1)} to ${today}.` }).waitFor(WAIT);
    const api = (await central.api<CentralSummary>('GET', `/api/v1/stats/summary?from=${addDays(today, -1)}&to=${today}`, { token: admin })).body;
    expect(api.byHall.map((h) => h.hallId)).toEqual(['north', 'south']);
    for (const h of [...api.byHall, { ...api.totals, hallId: 'all' }]) {
      const row = page.locator(`[data-testid="central-by-hall"] tr[data-hall="${h.hallId}"]`);
      const cell = (f: string) => row.locator(`[data-figure="${f}"]`).textContent();
      expect(await cell('visits')).toBe(String(h.visits));
      expect(await cell('meanWait')).toBe(minutesText(h.meanWaitMs));
      expect(await cell('serviceLevel')).toBe(percentText(h.serviceLevel));
      expect(await cell('noShowRate')).toBe(percentText(h.noShowRate));
    }
    expect(api.totals.visits).toBe(15);
    await expect(page.getByTestId('central-halls').textContent()).resolves.toContain('North hall: last contact');
    await expect(page.getByTestId('central-catalogue').locator('tbody tr').first().textContent()).resolves.toBe('passportPassports and ID cards12 min1');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('the live view shows each hall\'s today with the figures the API answered, updates by itself, and has no axe violations', async () => {
    // Something happening now in the north hall: an open counter, a pause elsewhere, two visitors waiting.
    const north = await hallClient(halls[0]!.url);
    await halls[0]!.api('POST', '/api/v1/counters/1/open', { token: north.tokens['city-staff'] ?? '' });
    await halls[0]!.api('POST', '/api/v1/counters/4/open', { token: north.tokens['county-staff'] ?? '' });
    await halls[0]!.api('POST', '/api/v1/counters/4/pause', { token: north.tokens['county-staff'] ?? '', body: { reason: 'break' } });
    for (const serviceId of ['identity', 'vehicles']) expect((await halls[0]!.api('POST', '/api/v1/tickets', { body: { serviceId } })).status).toBe(201);
    await waitShipped(north);

    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    const first = page.waitForResponse((r) => r.url().endsWith('/api/v1/stats/live'));
    await page.goto(`${central.url}/counter/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const answer = (await (await first).json()) as CentralLive;
    const table = page.getByTestId('central-live-table');
    await table.waitFor(WAIT);
    expect(answer.byHall.map((h) => h.hallId)).toEqual(['north', 'south']);
    expect(answer.byHall[0]!.waitingNow).toBe(2);
    expect(answer.byHall[0]!.countersOpen).toBe(2);
    for (const h of [...answer.byHall, { ...answer.totals, hallId: 'all' }]) {
      const cell = (f: string) => table.locator(`tr[data-hall="${h.hallId}"] [data-figure="${f}"]`).textContent();
      expect(await cell('waitingNow')).toBe(String(h.waitingNow));
      expect(await cell('longestWait')).toBe(minutesText(h.longestWaitMs));
      expect(await cell('inService')).toBe(String(h.inServiceNow));
      expect(await cell('counters')).toBe(`${h.countersOpen} (${h.countersPaused} paused)`);
      expect(await cell('serviceLevel')).toBe(percentText(h.serviceLevel));
    }
    await expect(table.locator('tr[data-hall="north"] [data-figure="contact"]').textContent()).resolves.toMatch(/^Connected \(last contact \d+ s ago\)$/);
    // The same figures from the API directly (a moment later: the longest wait has grown, nothing else changed).
    const direct = (await central.api<CentralLive>('GET', '/api/v1/stats/live', { token: await central.login('admin') })).body;
    expect(direct.byHall.map((h) => [h.waitingNow, h.countersOpen, h.countersPaused, h.tickets])).toEqual(answer.byHall.map((h) => [h.waitingNow, h.countersOpen, h.countersPaused, h.tickets]));
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // It asks again by itself, and shows the new answer: a third visitor waits.
    expect((await halls[0]!.api('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } })).status).toBe(201);
    await waitShipped(north);
    await table.locator('tr[data-hall="north"] [data-figure="waitingNow"]').filter({ hasText: /^3$/ }).waitFor({ timeout: 30_000 });
    // The reader can stop the updates.
    await page.getByLabel('Update every 15 seconds').uncheck();
    let asked = 0;
    page.on('request', (r) => void (r.url().endsWith('/api/v1/stats/live') && asked++));
    await page.waitForTimeout(16_000);
    expect(asked).toBe(0);
    await context.close();
  }, 90_000);

  it('the hall\'s supervisor view says that central is connected', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${halls[0]!.url}/counter/#/supervisor`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('central-shipping').waitFor(WAIT);
    await expect(page.getByTestId('central-shipping').textContent()).resolves.toBe('Central statistics: connected, every event sent.');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('a hall admin makes a service follow a catalogue entry, and the hall takes the entry from central', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${halls[1]!.url}/counter/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor(WAIT);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByLabel('Service to edit').waitFor(WAIT);
    await page.getByLabel('Service to edit').selectOption('identity');
    await page.getByLabel('Central catalogue entry').fill('passport');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.getByTestId('live-region').filter({ hasText: 'Saved' }).waitFor(WAIT);
    const end = Date.now() + 20_000;
    let name = '';
    while (name !== 'Passports and ID cards' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      name = (await halls[1]!.api<ServiceStatus[]>('GET', '/api/v1/services')).body.find((s) => s.id === 'identity')?.name.en ?? '';
    }
    expect(name).toBe('Passports and ID cards');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });
});
