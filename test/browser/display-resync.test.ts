import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';

const WAIT = { timeout: 30_000 };

let browser: Browser;
const servers: TestServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers.reverse()) await s.dispose().catch(() => undefined);
});

/** Takes a ticket for `serviceId`, frees counter 1 if needed and calls the next visitor there. */
async function callAtCounterOne(server: TestServer, serviceId: string): Promise<string> {
  const token = await server.login('city-staff');
  const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } });
  expect(r.status).toBe(201);
  await server.api('POST', '/api/v1/counters/1/open', { token, body: {} });
  await server.api('POST', '/api/v1/counters/1/no-show', { token, body: {} });
  const next = await server.api('POST', '/api/v1/counters/1/next', { token, body: {} });
  expect(next.status, JSON.stringify(next.body)).toBe(200);
  return r.body.ticket.number;
}

async function openHall(server: TestServer): Promise<Page> {
  const { page } = await newPage(browser, { viewport: { width: 1600, height: 900 } });
  await page.goto(`${server.url}/display?id=hall`);
  await page.locator('.board__body').waitFor(WAIT);
  return page;
}

const currentCall = (page: Page, number: string) => page.locator(`[data-testid="current-call"][data-number="${number}"]`);

describe('display resynchronisation', () => {
  it('after the server restarts, the display re-syncs and shows a call made after the restart', async () => {
    let server = await startServer();
    servers.push(server);
    const page = await openHall(server);
    const before = await callAtCounterOne(server, 'identity');
    await currentCall(page, before).waitFor(WAIT);

    // While the server is down the board keeps its last state with a discreet mark.
    await server.stop();
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), WAIT).toBe('reconnecting');
    expect(await page.getByTestId('connection').textContent()).toContain('Reconnecting');
    expect(await currentCall(page, before).count()).toBe(1);

    server = await server.restart();
    servers.push(server);
    const after = await callAtCounterOne(server, 'identity');
    expect(after).not.toBe(before);
    await currentCall(page, after).waitFor(WAIT);
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), WAIT).toBe('live');
    // The call made before the restart is still on the board: nothing was lost.
    await page.locator(`.board__main [data-number="${before}"]`).first().waitFor(WAIT);
  });

  it('a missed sequence number makes the display fetch a snapshot and carry on with the next events', async () => {
    const server = await startServer();
    servers.push(server);
    const page = await openHall(server);
    const first = await callAtCounterOne(server, 'residence');
    await currentCall(page, first).waitFor(WAIT);

    // An event far ahead of the channel's sequence: the display must notice the gap and resync from a snapshot.
    // Without the resync it would wait for numbers past 10,000 and ignore every real event from now on.
    server.app.io.to('display').emit('queue:changed', { seq: 10_000, services: [] });
    const second = await callAtCounterOne(server, 'residence');
    await currentCall(page, second).waitFor(WAIT);
    await page.locator('[data-service="residence"]').waitFor(WAIT);
  });
});
