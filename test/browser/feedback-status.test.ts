import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackStats, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';
import { WAIT } from './kioskHelpers.js';

async function expectAccessible(page: Page): Promise<void> {
  const v = await axeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}

describe("visitor feedback on the status page", () => {
  let server: TestServer;
  let browser: Browser;
  let staff: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    staff = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: staff })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function finishedVisit(language: string): Promise<{ page: Page; token: string }> {
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', language } });
    expect(issued.status).toBe(201);
    const token = decodeURIComponent(issued.body.ticket.statusPath.replace(/^\/t\//, ''));
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await page.goto(server.url + issued.body.ticket.statusPath);
    await page.locator('[data-state="waiting"]').waitFor(WAIT);
    for (const [step, body] of [['next', undefined], ['start', undefined], ['finish', { outcome: 'resolved' }]] as const) {
      const r = await server.api('POST', `/api/v1/counters/1/${step}`, { token: staff, ...(body ? { body } : {}) });
      expect(r.status, `${step}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    await page.locator('[data-state="done"]').waitFor(WAIT);
    return { page, token };
  }

  it('asks once after the visit, with five labelled answers and an optional comment, then thanks and never asks again', async () => {
    const { page, token } = await finishedVisit('en');
    await page.getByRole('group', { name: 'How was your visit today?' }).waitFor(WAIT);
    const radios = page.getByRole('radio');
    expect(await radios.count()).toBe(5);
    expect((await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).sort()).toEqual(['1', '2', '3', '4', '5']);
    for (const name of ['Very satisfied', 'Satisfied', 'Neither satisfied nor dissatisfied', 'Dissatisfied', 'Very dissatisfied']) {
      await page.getByRole('radio', { name, exact: true }).waitFor(WAIT);
    }
    await expectAccessible(page);

    // Sending without an answer sends nothing and says what to do.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/feedback')) posts++;
    });
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose one of the five answers.' }).waitFor(WAIT);
    expect(posts).toBe(0);
    await expectAccessible(page);

    await page.getByRole('radio', { name: 'Satisfied', exact: true }).check();
    await page.getByLabel('Anything you want to tell us? (optional)').fill('Quick and friendly.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback.' }).waitFor(WAIT);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe('feedback-thanks');
    expect(posts).toBe(1);
    await expectAccessible(page);

    const status = await server.api<{ canGive: boolean; given: { rating: number } | null }>('GET', `/api/v1/tickets/status/${token}/feedback`);
    expect(status.body).toMatchObject({ canGive: false, given: { rating: 4 } });
    const supervisor = await server.login('city-supervisor');
    const stats = await server.api<FeedbackStats>('GET', '/api/v1/stats/feedback', { token: supervisor });
    // Stored, but not shown: one finished visit of this service today is fewer than the five a comment must hide among.
    expect(stats.status).toBe(200);
    expect(stats.body.comments.map((c) => c.comment)).not.toContain('Quick and friendly.');

    await page.reload();
    await page.getByTestId('feedback-thanks').filter({ hasText: 'You have already given feedback for this visit.' }).waitFor(WAIT);
    expect(await page.getByTestId('feedback-form').count()).toBe(0);
    expect(await page.getByRole('radio').count()).toBe(0);
    await page.close();
  });

  it("asks in the visitor's language", async () => {
    const { page } = await finishedVisit('fi');
    await page.getByRole('group', { name: 'Millainen käyntisi oli tänään?' }).waitFor(WAIT);
    await page.getByRole('radio', { name: 'Erittäin tyytyväinen' }).check();
    await page.getByRole('button', { name: 'Lähetä palaute' }).click();
    await page.getByRole('heading', { name: 'Kiitos palautteestasi.' }).waitFor(WAIT);
    await page.close();
  });

  it('a visit still waiting is not asked for feedback', async () => {
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } });
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(server.url + issued.body.ticket.statusPath);
    await page.locator('[data-state="waiting"]').waitFor(WAIT);
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByText('How was your visit today?').count()).toBe(0);
    await page.close();
  });
});
