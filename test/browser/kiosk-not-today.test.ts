import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, ServiceStatus, VisitorStatus } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { demoHall, type TestServer } from '../support/server.js';
import { arrowTo, openKiosk, press, serviceButton, WAIT } from './kioskHelpers.js';
import { signIn } from './counterSteps.js';

// Monday 23 February 2026, 16:20 in Helsinki (UTC+2); the hall closes at 17:00: 40 minutes left.
let now = Date.UTC(2026, 1, 23, 14, 20);
const day = [{ open: '08:00', close: '17:00' }];
const hall = demoHall();
hall.hall.hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };

describe('the kiosk never knowingly promises what the day cannot give', () => {
  let server: TestServer;
  let browser: Browser;
  const issued: IssueTicketResponse['ticket'][] = [];
  withServerAndBrowser(
    (s, b) => {
      server = s;
      browser = b;
    },
    { hall, now: () => now },
  );

  beforeAll(async () => {
    const token = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token })).status).toBe(200);
    // Eight identity visits of 8 minutes at one counter: a new ticket would wait about an hour, past 17:00.
    for (let i = 0; i < 8; i++) {
      now += 1000;
      const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      expect(r.status).toBe(201);
      issued.push(r.body.ticket);
    }
  });

  const visibleText = (page: Page, serviceId: string) => serviceButton(page, serviceId).innerText();

  it('says "We will probably not reach you today" on the service before a ticket is taken, and the page stays axe-clean', async () => {
    const services = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    const identity = services.body.find((s) => s.id === 'identity');
    expect(identity?.notToday).toEqual({ comeBackAt: Date.UTC(2026, 1, 24, 6, 0) }); // Tuesday 08:00
    // Vehicles: no counter open, so no estimate and nothing promised either way.
    expect(services.body.find((s) => s.id === 'vehicles')?.notToday).toBeUndefined();

    const page = await openKiosk(browser, server);
    await expect.poll(() => visibleText(page, 'identity'), WAIT).toContain('We will probably not reach you today. Come back');
    expect(await visibleText(page, 'vehicles')).not.toContain('not reach you today');
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await page.close();
  });

  it('says it in speech mode too, when the arrow keys reach the service', async () => {
    const page = await openKiosk(browser, server);
    const spoken: Record<string, string>[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/speech') spoken.push(Object.fromEntries(url.searchParams));
    });
    await press(page, '*');
    await arrowTo(page, 'button[data-service="identity"]');
    await expect
      .poll(() => spoken.some((s) => s.key === 'speech.serviceNotToday' && s.service === 'identity' && s.ahead === '8'), WAIT)
      .toBe(true);
    await page.close();
  });

  it("tells a visitor already waiting whose forecast has moved past closing, on their status page", async () => {
    const last = issued[issued.length - 1];
    const first = issued[0];
    if (!last || !first) throw new Error('no tickets issued');
    const late = await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${last.statusToken}`);
    expect(late.body.pastClosing).toEqual({ closesAt: Date.UTC(2026, 1, 23, 15, 0), comeBackAt: Date.UTC(2026, 1, 24, 6, 0) });
    const soon = await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${first.statusToken}`);
    expect(soon.body.pastClosing).toBeUndefined();

    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}${last.statusPath}`);
    await page.getByTestId('past-closing').waitFor(WAIT);
    expect(await page.getByTestId('past-closing').innerText()).toContain('We will probably not reach you before closing today');
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await page.goto(`${server.url}${first.statusPath}`);
    await page.locator('.wait').waitFor(WAIT);
    expect(await page.getByTestId('past-closing').count()).toBe(0);
    await page.close();
  });
});

describe('the supervisor is told live when the service level is at risk', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('says "open one more counter" for the service whose waiting visitors would be called after the target', async () => {
    const token = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token })).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).status).toBe(201);
    const services = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    // Eight identity tickets of 8 minutes at one counter, target 15 minutes: waits 0, 8, 16, …, 56: 6 of 8 late.
    expect(services.body.find((s) => s.id === 'identity')?.serviceLevelAtRisk).toEqual({ late: 6, due: 8 });
    expect(services.body.find((s) => s.id === 'parking')?.serviceLevelAtRisk).toBeUndefined();
    const { page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'city-supervisor');
    await page.goto(`${server.url}/counter/#/supervisor`);
    const hint = page.getByTestId('sup-risk-identity');
    await hint.waitFor(WAIT);
    expect(await hint.innerText()).toBe(
      'Service level at risk in the next 30 minutes: open one more counter for Identity cards and passports (6 of 8 visitors due would be called after the target).',
    );
    expect(describeViolations(await axeViolations(page))).toBe('');
    // Three more counters (waits 0, 0, 0, 0, 8, 8, 8, 8): the forecast no longer says so, and the hint goes.
    for (const c of ['2', '3', '7']) expect((await server.api('POST', `/api/v1/counters/${c}/open`, { token })).status).toBe(200);
    const after = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    expect(after.body.find((s) => s.id === 'identity')?.serviceLevelAtRisk).toBeUndefined();
    await hint.waitFor({ state: 'detached', ...WAIT });
    await page.close();
  });
});
