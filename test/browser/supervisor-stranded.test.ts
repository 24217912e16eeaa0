import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { WAIT, issue, signIn, ticket } from './counterSteps.js';

describe('counter client: supervisors see stranded visitors and fix them in one click', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('a visitor sent to a closed counter and one whose service no open counter serves are listed, and each fix empties the list', async () => {
    const county = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: county })).status).toBe(200);
    const sent = await issue(server, 'residence');
    // As a database from before named transfers were checked could hold: sent to counter 2, which is closed.
    server.app.store.db.prepare("UPDATE tickets SET target_counter_id = '2' WHERE id = ?").run(sent.id);
    const unserved = await issue(server, 'parking');
    const city = await server.login('city-supervisor');
    await server.api('POST', '/api/v1/counters/3/open', { token: city, body: { services: ['identity', 'residence'] } });

    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'city-supervisor');
    await page.goto(`${server.url}/counter/#/supervisor`);
    const section = page.getByTestId('sup-stranded');
    await section.getByRole('heading', { name: 'Stranded: no open counter can call them (2)' }).waitFor(WAIT);
    const sentRow = section.getByTestId(`sup-stranded-${sent.number}`);
    await sentRow.getByText('Sent to counter 2, which is closed').waitFor(WAIT);
    const unservedRow = section.getByTestId(`sup-stranded-${unserved.number}`);
    await unservedRow.getByText('No open counter serves this service').waitFor(WAIT);
    expect(describeViolations(await axeViolations(page))).toBe('');

    await sentRow.getByRole('button', { name: 'Back to the Residence registration queue' }).click();
    await sentRow.waitFor({ state: 'detached', ...WAIT });
    expect(await ticket(server, city, sent.id)).toMatchObject({ state: 'waiting', serviceId: 'residence', targetCounterId: null });

    await unservedRow.getByRole('button', { name: /^Add Parking permits to counter 3$/ }).click();
    await section.getByText('Every waiting visitor can be called by an open counter.').waitFor(WAIT);
    expect((await server.api<unknown[]>('GET', '/api/v1/tickets/stranded', { token: city })).body).toEqual([]);
    await context.close();
  });
});
