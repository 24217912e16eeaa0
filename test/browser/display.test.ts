import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';

const WAIT = { timeout: 20_000 };

let server: TestServer;
let browser: Browser;
const pages: Page[] = [];

async function openDisplay(id: string): Promise<Page> {
  const { page } = await newPage(browser, { viewport: { width: 1600, height: 900 } });
  pages.push(page);
  await page.goto(`${server.url}/display?id=${id}`);
  await page.locator('.board__body, [data-testid="counter-board"]').first().waitFor(WAIT);
  return page;
}

async function takeTicket(serviceId: string): Promise<string> {
  const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } });
  expect(r.status).toBe(201);
  return r.body.ticket.number;
}

async function act(token: string, counter: string, action: string): Promise<void> {
  const r = await server.api('POST', `/api/v1/counters/${counter}/${action}`, { token, body: {} });
  expect(r.status, `${action} at counter ${counter}: ${JSON.stringify(r.body)}`).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('waiting-room display', () => {
  let city: string;
  let firstNumber: string;

  it('a call made through the API appears on the hall board with its number and counter', async () => {
    const page = await openDisplay('hall');
    city = await server.login('city-staff');
    firstNumber = await takeTicket('identity');
    await act(city, '1', 'open');
    await act(city, '1', 'next');

    const call = page.locator(`[data-testid="current-call"][data-number="${firstNumber}"]`);
    await call.waitFor(WAIT);
    expect(await call.getAttribute('data-counter')).toBe('1');
    expect(await call.getAttribute('data-recall')).toBe('false');
    await expect.poll(() => page.getByTestId('live-region').textContent(), WAIT).toBe(`Number ${firstNumber}, counter 1`);
    // The announcement went through the audio pipeline (chime, then whichever voice this machine has).
    await expect.poll(() => page.locator('.board').getAttribute('data-sound'), WAIT).toMatch(/^(clips|server|browser|none)$/);
    expect(await page.title()).toContain('Service Centre Riverside');
  });

  it('a recall is shown as a recall', async () => {
    const page = await openDisplay('hall');
    await act(city, '1', 'recall');
    const call = page.locator(`[data-testid="current-call"][data-number="${firstNumber}"][data-recall="true"]`);
    await call.waitFor(WAIT);
    expect(await call.getByTestId('recall-badge').textContent()).toContain('Recall');
    await expect.poll(() => page.getByTestId('live-region').textContent(), WAIT).toBe(`Recall: number ${firstNumber}, counter 1`);
  });

  it('the single-counter profile shows only its own counter', async () => {
    const page = await openDisplay('counter-4');
    const county = await server.login('county-staff');
    const number = await takeTicket('vehicles');
    await act(county, '4', 'open');
    await act(county, '4', 'next');
    await page.locator(`[data-testid="counter-number"][data-number="${number}"]`).waitFor(WAIT);
    expect(await page.getByTestId('counter-board').getAttribute('data-counter')).toBe('4');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Counter 4');
    expect(text).not.toContain(firstNumber);
    expect(await page.locator('[data-testid="current-call"]').count()).toBe(0);
  });

  it('the portrait column of the city shows city calls and city services only', async () => {
    const page = await openDisplay('city');
    await page.locator(`[data-testid="current-call"][data-number="${firstNumber}"]`).waitFor(WAIT);
    expect(await page.locator('[data-service="identity"]').count()).toBe(1);
    expect(await page.locator('[data-service="vehicles"]').count()).toBe(0);
  });

  it("shows people waiting per service, the hearing-loop symbol and a supervisor's announcement", async () => {
    const page = await openDisplay('city');
    const waiting = page.getByTestId('waiting-residence');
    const before = Number(await waiting.textContent());
    await takeTicket('residence');
    await expect.poll(async () => Number(await waiting.textContent()), WAIT).toBe(before + 1);

    // Counter 2 has a hearing loop: its call carries the symbol, named for screen readers.
    await act(city, '2', 'open');
    await act(city, '2', 'next');
    const loopCall = page.locator('[data-testid="current-call"][data-counter="2"]');
    await loopCall.waitFor(WAIT);
    expect(await loopCall.getByRole('img', { name: 'Hearing loop' }).count()).toBe(1);

    const supervisor = await server.login('city-supervisor');
    const r = await server.api('PUT', '/api/v1/announcement', { token: supervisor, body: { text: 'The lift is out of order today.' } });
    expect(r.status).toBe(200);
    await page.getByTestId('hall-message').filter({ hasText: 'The lift is out of order today.' }).waitFor(WAIT);
  });

  for (const id of ['hall', 'city', 'counter-4']) {
    it(`the "${id}" profile has no axe-core violations`, async () => {
      const page = await openDisplay(id);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  it('without a profile id the board shows the whole hall', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1600, height: 900 } });
    pages.push(page);
    await page.goto(`${server.url}/display`);
    await page.locator(`[data-testid="current-call"]`).first().waitFor(WAIT);
    expect(await page.locator('.board').getAttribute('data-layout')).toBe('hall');
    expect(await page.locator('[data-service="vehicles"]').count()).toBe(1);
    expect(await page.locator('[data-service="identity"]').count()).toBe(1);
  });

  it('an unknown display profile says so instead of showing an empty board', async () => {
    const { page } = await newPage(browser);
    pages.push(page);
    await page.goto(`${server.url}/display?id=no-such-display`);
    await page.getByRole('alert').waitFor(WAIT);
    expect(await page.getByRole('alert').textContent()).toContain('does not exist');
  });
});
