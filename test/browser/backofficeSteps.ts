import type { Page } from 'playwright-core';
import type { StatsSummary } from '../../server/src/protocol/index.js';
import type { TestServer } from '../support/server.js';
import { WAIT, issue } from './counterSteps.js';

/** Steps shared by the back-office browser tests (statistics and administration). */

/** One whole visit through the API at a counter the staff member has open: issue, call, start, finish. */
export async function visit(server: TestServer, token: string, counterId: string, serviceId: string, outcome = 'resolved'): Promise<string> {
  const ticket = await issue(server, serviceId);
  for (const [step, body] of [['next', undefined], ['start', undefined], ['finish', { outcome }]] as const) {
    const r = await server.api('POST', `/api/v1/counters/${counterId}/${step}`, { token, ...(body ? { body } : {}) });
    if (r.status !== 200) throw new Error(`${step} at counter ${counterId}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return ticket.statusToken;
}

/** Today's summary as the API gives it, once it counts `visits` finished visits (the projector runs in the background). */
export async function summaryWith(server: TestServer, token: string, query: string, done: number): Promise<StatsSummary> {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const r = await server.api<StatsSummary>('GET', `/api/v1/stats/summary${query}`, { token });
    if (r.status !== 200) throw new Error(`summary: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.totals.done >= done) return r.body;
    if (Date.now() > deadline) throw new Error(`summary never reached ${done} finished visits: ${JSON.stringify(r.body.totals)}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Follows a header link to a back-office screen and waits for its heading. */
export async function goTo(page: Page, link: 'Statistics' | 'Administration', heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor(WAIT);
}

/** Chooses a period on the Statistics screen and waits until its figures are shown. */
export async function showPeriod(page: Page, period: 'Today' | 'Last 7 days' | 'Last 30 days'): Promise<void> {
  await page.getByRole('radio', { name: period }).check();
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.getByTestId('stats-status').filter({ hasText: 'Showing' }).waitFor(WAIT);
}

/** The minutes text the screen shows for a duration (one decimal, English). */
export function minutesText(ms: number | null): string {
  return ms === null ? 'not measured' : `${(Math.round(ms / 6_000) / 10).toLocaleString('en')} min`;
}

export function percentText(share: number | null): string {
  return share === null ? 'not measured' : `${(Math.round(share * 1000) / 10).toLocaleString('en')} %`;
}
