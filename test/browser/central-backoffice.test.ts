import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, localDate } from '../../server/src/domain/index.js';
import type { CatalogueEntry, CentralCounterTime, CentralFeedback, CentralHeatmapCell, CentralLive, CentralSummary, ServiceStatus } from '../../server/src/protocol/index.js';
import { startCentral, type TestCentral } from '../support/central.js';
import { busyStretch, hallClient, waitShipped } from '../support/hallActivity.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { WAIT } from './counterSteps.js';
import { minutesText, percentText, visit } from './backofficeSteps.js';

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
      // Five visitors per hall rate their visit (ratings count from service-days of 5+ finished visits).
      const staff = client.tokens['city-staff'] ?? '';
      await hall.api('POST', '/api/v1/counters/2/open', { token: staff });
      for (const rating of i === 0 ? [5, 5, 4, 5, 5] : [2, 2, 3, 2, 1]) {
        const statusToken = await visit(hall, staff, '2', 'residence');
        expect((await hall.api('POST', `/api/v1/tickets/status/${statusToken}/feedback`, { body: { rating } })).status).toBeLessThan(300);
      }
      await hall.api('POST', '/api/v1/counters/2/close', { token: staff });
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
    expect(api.totals.visits).toBe(25);
    await expect(page.getByTestId('central-halls').textContent()).resolves.toContain('North hall: last contact');
    await expect(page.getByTestId('central-catalogue').locator('tbody tr').first().textContent()).resolves.toBe('passportPassports and ID cards12 min1');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('heat map and counter time of one hall, and feedback by hall, show what the API answers', async () => {
    const today = localDate(Date.now(), 'Europe/Helsinki');
    const admin = await central.login('admin');
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${central.url}/counter/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Halls compared' }).waitFor(WAIT);
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByLabel('Heat map and counter time of').selectOption('south');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByTestId('central-heatmap-of').filter({ hasText: 'South hall' }).waitFor(WAIT);
    await page.getByTestId('central-status').filter({ hasText: `Showing ${today} to ${today}.` }).waitFor(WAIT);
    const q = `from=${today}&to=${today}`;

    const cells = (await central.api<CentralHeatmapCell[]>('GET', `/api/v1/stats/heatmap?${q}&hallId=south`, { token: admin })).body;
    const all = (await central.api<CentralHeatmapCell[]>('GET', `/api/v1/stats/heatmap?${q}`, { token: admin })).body;
    const hours = [...new Set(cells.filter((c) => c.arrivals > 0).map((c) => c.hour))].sort((a, b) => a - b);
    expect(hours.length).toBeGreaterThan(0);
    expect(cells.reduce((n, c) => n + c.arrivals, 0)).toBe(14);
    expect(all.reduce((n, c) => n + c.arrivals, 0)).toBe(25);
    const heat = page.getByTestId('stats-heatmap');
    expect(await heat.locator('thead th').allTextContents()).toEqual(['Weekday', ...hours.map((h) => String(h).padStart(2, '0'))]);
    const rows = await heat.locator('tbody tr').all();
    for (const [weekday, row] of rows.entries()) {
      const shown = await row.locator('td').allTextContents();
      expect(shown).toEqual(hours.map((h) => String(Math.round((cells.find((c) => c.weekday === weekday && c.hour === h)?.meanArrivals ?? 0) * 10) / 10)));
    }

    const counters = (await central.api<CentralCounterTime[]>('GET', `/api/v1/stats/counters?${q}&hallId=south`, { token: admin })).body;
    expect(counters.length).toBeGreaterThan(1);
    const ctRows = page.getByTestId('central-counter-time').locator('tbody tr');
    expect(await ctRows.count()).toBe(counters.length);
    const hoursText = (ms: number) => `${Math.round(ms / 360_000) / 10} h`;
    for (const [i, c] of counters.entries()) {
      expect(await ctRows.nth(i).locator('th, td').allTextContents()).toEqual(['South hall', `Counter ${c.counterId}`, String(c.userId), hoursText(c.openMs), hoursText(c.servingMs), hoursText(c.pausedMs), hoursText(c.idleMs)]);
    }

    const fb = (await central.api<CentralFeedback>('GET', `/api/v1/stats/feedback?${q}`, { token: admin })).body;
    expect(fb.byHall.map((h) => [h.hallId, h.ratings, h.meanRating])).toEqual([['north', 5, 4.8], ['south', 5, 2]]);
    const fbTable = page.getByTestId('central-feedback-table');
    for (const h of [...fb.byHall, { ...fb, hallId: 'all' }]) {
      const cell = (f: string) => fbTable.locator(`tr[data-hall="${h.hallId}"] [data-figure="${f}"]`).textContent();
      expect(await cell('ratings')).toBe(String(h.ratings));
      expect(await cell('meanRating')).toBe(h.meanRating === null ? 'not measured' : `${Math.round(h.meanRating * 10) / 10} of 5`);
      for (let r = 1; r <= 5; r++) expect(await cell(`r${r}`)).toBe(String(h.distribution?.[r - 1]));
    }
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('the central admin adds and changes catalogue entries in a form; mistakes are named; a supervisor only reads', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${central.url}/counter/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Entry to change').waitFor(WAIT);
    await page.getByLabel('Entry to change').selectOption('');
    await page.getByLabel('Identifier').fill('parking-permit');
    await page.getByLabel('Name (English)').fill('Parking permits');
    await page.getByLabel('Name (suomi)').fill('Pysäköintiluvat');
    await page.getByLabel('Target wait (minutes)').fill('twenty');
    await page.getByRole('button', { name: 'Save entry' }).click();
    const summary = page.getByTestId('cat-errors');
    await summary.waitFor(WAIT);
    await expect(summary.textContent()).resolves.toContain('Enter the target as a whole number of minutes, from 1 to 600.');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('cat-errors');
    const before = (await central.api<CatalogueEntry[]>('GET', '/api/v1/central/catalogue', { token: await central.login('admin') })).body;
    expect(before.some((e) => e.id === 'parking-permit')).toBe(false);
    // The summary links to the field.
    await summary.getByRole('link').click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('cat-targetMinutes');
    await page.getByLabel('Target wait (minutes)').fill('20');
    await page.getByLabel('Have ready (English)').fill('Vehicle registration document');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByTestId('live-region').filter({ hasText: 'Saved parking-permit, version 1.' }).waitFor(WAIT);
    const admin = await central.login('admin');
    let entry = (await central.api<CatalogueEntry[]>('GET', '/api/v1/central/catalogue', { token: admin })).body.find((e) => e.id === 'parking-permit');
    expect(entry).toMatchObject({ name: { en: 'Parking permits', fi: 'Pysäköintiluvat' }, prepare: { en: 'Vehicle registration document' }, targetMinutes: 20, organisationId: null, version: 1 });
    await page.getByTestId('central-catalogue').getByRole('rowheader', { name: 'parking-permit' }).waitFor(WAIT);

    // Change it: the form holds the entry; a second version.
    await expect(page.getByLabel('Entry to change').inputValue()).resolves.toBe('parking-permit');
    await page.getByLabel('Name (English)').fill('Parking permits and resident parking');
    await page.getByLabel('Organisation').fill('city');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByTestId('live-region').filter({ hasText: 'Saved parking-permit, version 2.' }).waitFor(WAIT);
    entry = (await central.api<CatalogueEntry[]>('GET', '/api/v1/central/catalogue', { token: admin })).body.find((e) => e.id === 'parking-permit');
    expect(entry).toMatchObject({ name: { en: 'Parking permits and resident parking', fi: 'Pysäköintiluvat' }, organisationId: 'city', version: 2 });
    // Without any name the server refuses, and the form says so at the name.
    await page.getByLabel('Name (English)').fill('');
    await page.getByLabel('Name (suomi)').fill('');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByTestId('cat-name-en-error').filter({ hasText: 'Give the name in at least one language.' }).waitFor(WAIT);
    entry = (await central.api<CatalogueEntry[]>('GET', '/api/v1/central/catalogue', { token: admin })).body.find((e) => e.id === 'parking-permit');
    expect(entry?.version).toBe(2);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();

    // A supervisor reads the catalogue but has no form.
    await central.api('POST', '/api/v1/central/users', { token: admin, body: { username: 'lead', displayName: 'Lead', password: 'lead-password-1', role: 'supervisor' } });
    const sup = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await sup.page.goto(`${central.url}/counter/`);
    await sup.page.getByLabel('Username').fill('lead');
    await sup.page.getByLabel('Password', { exact: true }).fill('lead-password-1');
    await sup.page.getByRole('button', { name: 'Sign in' }).click();
    await sup.page.getByTestId('central-catalogue').waitFor(WAIT);
    expect(await sup.page.getByLabel('Entry to change').count()).toBe(0);
    await sup.context.close();
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
