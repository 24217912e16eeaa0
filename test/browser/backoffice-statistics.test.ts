import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Comparison, EstimateAccuracy, StaffingAdvice } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { WAIT, signIn } from './counterSteps.js';
import { goTo, minutesText, percentText, showPeriod, summaryWith, visit } from './backofficeSteps.js';

describe('back office: statistics in the counter client', () => {
  let server: TestServer;
  let browser: Browser;
  let staffToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    staffToken = await server.login('city-staff', 'demo-city-staff');
    supervisorToken = await server.login('city-supervisor', 'demo-city-supervisor');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staffToken })).status).toBe(200);
    const rated = await visit(server, staffToken, '1', 'identity');
    await visit(server, staffToken, '1', 'identity', 'referred');
    const fb = await server.api('POST', `/api/v1/tickets/status/${rated}/feedback`, { body: { rating: 4, comment: 'Clear advice, thank you.' } });
    expect(fb.status).toBe(201);
    await visit(server, staffToken, '1', 'residence');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it("a supervisor sees today's figures exactly as the API computes them", async () => {
    const today = await summaryWith(server, supervisorToken, '', 3);
    const query = `?from=${today.to}&to=${today.to}`;
    const api = await summaryWith(server, supervisorToken, query, 3);
    expect(api.totals.done).toBe(3);
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Today');
    const fig = (id: string) => page.getByTestId(`fig-${id}`).textContent();
    expect(await fig('visits')).toBe(String(api.totals.visits));
    expect(await fig('wait')).toBe(minutesText(api.totals.meanWaitMs));
    expect(await fig('transaction')).toBe(minutesText(api.totals.meanTransactionMs));
    expect(await fig('level')).toBe(percentText(api.totals.serviceLevel));
    expect(await fig('fcr')).toBe(percentText(api.totals.firstContactResolution));
    expect(await fig('fcr')).toBe('66.7 %');
    const identity = page.getByTestId('stats-by-service-identity');
    await expect(identity.locator('td').first().textContent()).resolves.toBe('2');
    // Feedback stays anonymous: two finished identity visits today are too few to show their one rating.
    expect(await fig('ratings')).toBe('not shown');
    expect(await fig('mean-rating')).toBe('not shown');
    await expect(page.getByTestId('stats-comments').textContent()).resolves.not.toContain('Clear advice');
    await expect(page.getByTestId('stats-feedback-anonymous').textContent()).resolves.toContain('at least 5 finished visits');
    const live = await server.api<{ tickets: number }>('GET', '/api/v1/stats/live', { token: supervisorToken });
    expect(await fig('live-tickets')).toBe(String(live.body.tickets));
    await context.close();
  });

  it('the estimate accuracy (promised against actual wait) is shown as the API computes it, by service too', async () => {
    const today = await summaryWith(server, supervisorToken, '', 3);
    const api = await server.api<EstimateAccuracy>('GET', `/api/v1/stats/estimates?from=${today.to}&to=${today.to}`, { token: supervisorToken });
    expect(api.body.totals.promises).toBe(3);
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Today');
    await page.getByRole('heading', { level: 2, name: 'How well the promised waits held' }).waitFor(WAIT);
    const fig = (id: string) => page.getByTestId(`fig-${id}`).textContent();
    expect(await fig('est-promises')).toBe('3');
    expect(await fig('est-median')).toBe(minutesText(api.body.totals.medianAbsErrorMs));
    expect(await fig('est-p90')).toBe(minutesText(api.body.totals.p90AbsErrorMs));
    expect(await fig('est-late')).toBe(percentText(api.body.totals.lateShare));
    const identity = api.body.byService.find((s) => s.serviceId === 'identity');
    const row = page.getByTestId('estimates-by-service-identity');
    await expect(row.locator('td').first().textContent()).resolves.toBe(String(identity?.promises));
    await expect(page.getByTestId('chart-estimates').locator('canvas').getAttribute('role')).resolves.toBe('img');
    await context.close();
  });

  it('the staffing advice for a chosen weekday shows the API figures, with a chart and no axe violations', async () => {
    // Counters open are counter-hours per hour: while counter 1 stays open its figure grows between the API's answer
    // and the page's (0 then 0.01). Closed, it holds still.
    expect((await server.api('POST', '/api/v1/counters/1/close', { token: staffToken })).status).toBe(200);
    const today = await summaryWith(server, supervisorToken, '', 3);
    const [y, m, d] = today.to.split('-').map(Number);
    const weekday = (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
    const api = await server.api<StaffingAdvice>('GET', `/api/v1/stats/staffing?weekday=${weekday}&from=${today.to}&to=${today.to}`, { token: supervisorToken });
    expect(api.status).toBe(200);
    const row = api.body.rows.find((r) => r.group === 'city' && r.arrivalsPerHour > 0);
    if (!row) throw new Error(`no city row: ${JSON.stringify(api.body.rows)}`);
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Today');
    await page.getByLabel('Weekday').selectOption(String(weekday));
    const cells = page.getByTestId(`staffing-city-${row.hour}`).locator('td');
    await expect.poll(() => cells.first().textContent(), WAIT).toBe(row.arrivalsPerHour.toLocaleString('en'));
    expect(await cells.nth(2).textContent()).toBe(String(row.countersNeeded));
    expect(await cells.nth(3).textContent()).toBe(row.countersOpen.toLocaleString('en'));
    expect(await cells.nth(4).textContent()).toBe(percentText(row.serviceLevelOpen));
    expect(await cells.nth(5).textContent()).toBe(percentText(row.serviceLevelNeeded));
    await expect(page.getByTestId('chart-staffing-city').locator('canvas').getAttribute('role')).resolves.toBe('img');
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await context.close();
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staffToken })).status).toBe(200);
  });

  it('before/after: two periods side by side as the API gives them, with the verdict on the mean wait, axe-clean', async () => {
    const today = await summaryWith(server, supervisorToken, '', 3);
    const q = `aFrom=${today.to}&aTo=${today.to}&bFrom=${today.to}&bTo=${today.to}`;
    const api = await server.api<Comparison>('GET', `/api/v1/stats/compare?${q}`, { token: supervisorToken });
    expect(api.status).toBe(200);
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Today');
    const section = page.getByTestId('stats-compare');
    for (const id of ['aFrom', 'aTo', 'bFrom', 'bTo']) await section.locator(`#compare-${id}`).fill(today.to);
    await section.getByRole('button', { name: 'Compare' }).click();
    const visits = section.getByTestId('compare-visits').locator('td');
    await expect.poll(() => visits.first().textContent(), WAIT).toBe(String(api.body.a.figures.visits));
    expect(await visits.nth(1).textContent()).toBe(String(api.body.b.figures.visits));
    expect(await visits.nth(2).textContent()).toBe('0');
    expect(await section.getByTestId('compare-meanWaitMs').locator('td').first().textContent()).toBe(minutesText(api.body.a.figures.meanWaitMs));
    // The same period twice: no change, so it could be chance.
    await expect(section.getByTestId('compare-verdict').textContent()).resolves.toContain('this could be chance');
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await context.close();
  });

  it('a city supervisor can neither choose nor see county services', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await page.getByTestId('stats-status').filter({ hasText: 'Showing' }).waitFor(WAIT);
    const orgs = await page.getByLabel('Organisation').locator('option').allTextContents();
    expect(orgs).toEqual(['City']);
    const services = (await page.getByLabel('Service', { exact: true }).locator('option').allTextContents()).join('|');
    expect(services).toContain('Identity cards and passports');
    for (const county of ['Vehicle registration', 'Driving licences', 'Immigration']) expect(services).not.toContain(county);
    const rows = await page.getByTestId('stats-by-service').locator('tbody th').allTextContents();
    for (const row of rows) expect(row).toMatch(/^[ABCD] – /);
    for (const id of ['vehicles', 'licences', 'immigration']) expect(await page.getByTestId(`stats-by-service-${id}`).count()).toBe(0);
    await context.close();
  });

  it('dates in the wrong order are refused with the message next to the date field', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await page.getByRole('radio', { name: 'Dates of my choice' }).check();
    await page.getByLabel('From', { exact: true }).fill('2026-01-10');
    await page.getByLabel('To', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.locator('#stats-from-error').filter({ hasText: 'must not be after' }).waitFor(WAIT);
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor(WAIT);
    expect(await page.getByTestId('stats-summary').count()).toBe(0);
    await context.close();
  });

  it('plain staff are told the statistics are not for them', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await page.goto(`${server.url}/counter/#/statistics`);
    await page.getByTestId('not-allowed').waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Statistics' }).count()).toBe(0);
    await context.close();
  });

  it('a table downloads as the CSV the API produces, with the sign-in token', async () => {
    const { context, page } = await newPage(browser, { acceptDownloads: true });
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Today');
    const section = page.getByRole('region', { name: 'Visits and average wait per day' });
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), section.getByRole('link', { name: /Download as CSV/ }).click()]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    expect(text.split(/\r?\n/)[0]).toMatch(/^date,visits,called,meanWaitMs/);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(text).toContain(',3,3,');
    await context.close();
  });

  it("feedback shows once a service's day has 5 finished visits: the day and a wait band, never a time or a counter", async () => {
    for (let i = 0; i < 3; i++) await visit(server, staffToken, '1', 'identity');
    const api = await summaryWith(server, supervisorToken, '', 6);
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Today');
    const fig = (id: string) => page.getByTestId(`fig-${id}`).textContent();
    await page.getByTestId('fig-ratings').filter({ hasText: '1' }).waitFor(WAIT);
    expect(await fig('mean-rating')).toBe('4 of 5');
    const comment = page.getByTestId('stats-comments').locator('li').filter({ hasText: 'Clear advice, thank you.' });
    const meta = await comment.locator('.comments__meta').textContent();
    expect(meta).toContain(api.to);
    expect(meta).toContain('Identity cards and passports');
    expect(meta).toContain('waited 0–5 min');
    expect(meta).not.toMatch(/\d{1,2}:\d{2}/);
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    // A counter filter never narrows feedback.
    await page.locator('#stats-counter').selectOption('1');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByTestId('stats-feedback-anonymous').filter({ hasText: 'not shown for one counter or staff member' }).waitFor(WAIT);
    expect(await fig('ratings')).toBe('not shown');
    expect(await page.getByTestId('stats-comments').locator('li').count()).toBe(0);
    await context.close();
  });

  it('the statistics screen has no axe violations, with its tables disclosed', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'admin', 'admin-password-for-tests');
    await goTo(page, 'Statistics', 'Statistics');
    await showPeriod(page, 'Last 30 days');
    for (const summary of await page.locator('details summary').all()) await summary.click();
    await page.getByTestId('stats-daily-table').waitFor(WAIT);
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await context.close();
  });
});
