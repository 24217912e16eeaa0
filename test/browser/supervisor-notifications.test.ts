import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, OutboxMessageView } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startSmsGateway } from '../support/notifyGateways.js';
import { ADMIN_PASSWORD, demoHall, startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';
import { WAIT, signIn } from './counterSteps.js';

describe('supervisors and admins see messages to visitors: channels, why push is not possible, failed messages to send again', () => {
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let refuse = true;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    sms = await startSmsGateway(() => (refuse ? 400 : 200));
    const hall = demoHall();
    hall.hall.publicUrl = 'http://hall.example:8080';
    hall.notifications = { sms: { url: sms.url } };
    server = await startServer({ hall, notifications: { retryBaseMs: 40, pollMs: 50 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await sms?.close();
  });

  it('a message the gateway refused is listed with its masked number and last error; "Send again" delivers it', async () => {
    const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
    expect(
      (await server.api('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: { channel: 'sms', address: '+358 40 555 1234', onCall: true } })).status,
    ).toBe(200);
    const staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    const sup = await server.login('county-supervisor');
    await waitFor('a failed message', async () => (await server.api<OutboxMessageView[]>('GET', '/api/v1/notifications?status=failed', { token: sup })).body.length === 1);

    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'county-supervisor');
    await page.goto(`${server.url}/counter/#/supervisor`);
    const panel = page.getByTestId('notify-panel');
    await panel.getByRole('heading', { name: 'Not delivered (1)' }).waitFor(WAIT);
    expect(await panel.getByTestId('notify-push').textContent()).toContain('it is http://hall.example:8080');
    const row = panel.locator('tbody tr');
    expect(await row.textContent()).toContain(t.number);
    expect(await row.textContent()).toContain('+358 ••• ••34');
    expect(await row.textContent()).toContain('HTTP 400');
    expect(await panel.textContent()).not.toContain('5551234');
    expect(describeViolations(await axeViolations(page))).toBe('');

    refuse = false;
    await panel.getByRole('button', { name: `Send again (${t.number})` }).click();
    await panel.getByText('Every message was delivered or is still being tried.').waitFor(WAIT);
    await waitFor('the accepted SMS', () => sms.requests.some((r) => r.answered === 200));
    expect(sms.requests.map((r) => r.answered)).toEqual([400, 200]);
    await context.close();
  });

  it("the admin's screen explains why push is not possible", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}/counter/#/admin`);
    const panel = page.getByTestId('notify-panel');
    await panel.getByRole('heading', { name: 'Messages to visitors' }).waitFor(WAIT);
    expect(await panel.getByTestId('notify-push').textContent()).toMatch(/push needs the hall's public address \(publicUrl\) to start with https:\/\//);
    await context.close();
  });
});
