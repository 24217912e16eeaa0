import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';
import { WAIT, currentNumber, issue, liveRegionContains, openCounter, signIn, ticket } from './counterSteps.js';

describe('counter client: transfer, park and no-show', () => {
  let server: TestServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    token = await server.login('city-supervisor');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('a transfer to another service keeps the arrival time, so the ticket lands ahead of later arrivals', async () => {
    const moved = await issue(server, 'identity');
    await new Promise((r) => setTimeout(r, 20));
    const later = await issue(server, 'residence');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '1', ['Residence registration', 'Parking permits', 'Lost and found']);
    await page.keyboard.press('n');
    expect(await currentNumber(page)).toBe(moved.number);
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: `Transfer ${moved.number}` });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel('Service', { exact: true }).selectOption('residence');
    await dialog.getByLabel('Note for the next counter (optional)').fill('Needs a residence certificate first');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await liveRegionContains(page, `${moved.number} transferred to Residence registration`);

    const after = await ticket(server, token, moved.id);
    expect(after).toMatchObject({ state: 'waiting', serviceId: 'residence', originalServiceId: 'identity', note: 'Needs a residence certificate first' });
    expect(after.queuedAt).toBe(moved.issuedAt);
    expect(after.queuedAt).toBeLessThan((await ticket(server, token, later.id)).queuedAt);

    // A residence counter sees it first in its queue and calls it before the later arrival.
    const other = await newPage(browser);
    await signIn(other.page, server, 'city-supervisor');
    await openCounter(other.page, '3', ['Identity cards and passports', 'Parking permits', 'Lost and found']);
    const rows = other.page.locator('[data-testid^="queue-row-"]');
    await rows.nth(1).waitFor(WAIT);
    expect(await rows.nth(0).getAttribute('data-testid')).toBe(`queue-row-${moved.number}`);
    expect(await rows.nth(1).getAttribute('data-testid')).toBe(`queue-row-${later.number}`);
    await other.page.keyboard.press('n');
    expect(await currentNumber(other.page)).toBe(moved.number);
    await other.context.close();
    await context.close();
  });

  it('a parked visitor can be resumed, and a no-show can be put back in the queue', async () => {
    const parked = await issue(server, 'parking');
    const absent = await issue(server, 'parking');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '2', ['Identity cards and passports', 'Residence registration', 'Lost and found']);

    await page.keyboard.press('n');
    expect(await currentNumber(page)).toBe(parked.number);
    await page.keyboard.press('s');
    await liveRegionContains(page, `${parked.number} being served`);
    await page.keyboard.press('k');
    await liveRegionContains(page, `${parked.number} parked`);
    await page.getByRole('heading', { name: 'Parked at this counter' }).waitFor(WAIT);

    await page.keyboard.press('n');
    expect(await currentNumber(page)).toBe(absent.number);
    await page.getByRole('button', { name: /^No-show/ }).click();
    await liveRegionContains(page, `${absent.number} marked as no-show`);
    expect((await ticket(server, token, absent.id)).state).toBe('no-show');

    await page.getByRole('button', { name: `Resume ${parked.number}` }).click();
    await liveRegionContains(page, `${parked.number} resumed`);
    expect(await currentNumber(page)).toBe(parked.number);
    expect((await ticket(server, token, parked.id)).state).toBe('serving');
    await page.keyboard.press('f');
    await page.getByRole('button', { name: 'Finish visit' }).click();
    await liveRegionContains(page, `${parked.number} finished: Resolved`);

    await page.getByRole('button', { name: `Put ${absent.number} back in the queue` }).click();
    await liveRegionContains(page, `${absent.number} is back in the queue`);
    await page.getByTestId(`queue-row-${absent.number}`).waitFor(WAIT);
    expect((await ticket(server, token, absent.id)).state).toBe('waiting');

    const events = await server.api<{ type: string }[]>('GET', `/api/v1/tickets/${parked.id}/events`, { token });
    expect(events.body.map((e) => e.type)).toEqual(['ticket_issued', 'ticket_called', 'ticket_started', 'ticket_parked', 'ticket_resumed', 'ticket_finished']);
    await context.close();
  });

  it('"is back in the queue" is said even when the hall\'s events reach the screen after the answer (a loaded server)', async () => {
    // The flake this pins down: putting a no-show back fills the empty queue, and the "arrived in your empty queue"
    // sentence replaced the confirmation whenever the server's answer came before its event about the ticket.
    const absent = await issue(server, 'lost-found');
    const { context, page } = await newPage(browser);
    await page.routeWebSocket(/socket\.io/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((m) => void setTimeout(() => ws.send(m), 150));
      ws.onMessage((m) => upstream.send(m));
    });
    await signIn(page, server, 'city-staff');
    await openCounter(page, '7', ['Identity cards and passports', 'Residence registration', 'Parking permits']);
    for (let round = 0; round < 3; round++) {
      await page.keyboard.press('n');
      expect(await currentNumber(page)).toBe(absent.number);
      await page.getByRole('button', { name: /^No-show/ }).click();
      await liveRegionContains(page, `${absent.number} marked as no-show`);
      await page.getByRole('button', { name: `Put ${absent.number} back in the queue` }).click();
      await liveRegionContains(page, `${absent.number} is back in the queue`);
      await page.getByTestId(`queue-row-${absent.number}`).waitFor(WAIT);
      // And it stays: no late "arrived" replaces it.
      await page.waitForTimeout(400);
      expect(await page.getByTestId('live-region').textContent()).toBe(`${absent.number} is back in the queue`);
    }
    await context.close();
  });

  it('a paused counter shows its reason and resumes', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-staff');
    await openCounter(page, '4');
    await page.keyboard.press('p');
    const dialog = page.getByRole('dialog', { name: 'Pause the counter' });
    await dialog.waitFor(WAIT);
    await dialog.getByRole('radio', { name: 'Lunch' }).check();
    await dialog.getByRole('button', { name: 'Pause counter' }).click();
    await page.getByTestId('counter-state').filter({ hasText: 'Paused: Lunch' }).waitFor(WAIT);
    await page.waitForFunction(() => document.activeElement?.id === 'action-pause', undefined, WAIT);
    await page.keyboard.press('p');
    await liveRegionContains(page, 'Counter open again');
    await page.getByTestId('counter-state').filter({ hasText: 'Open' }).waitFor(WAIT);
    await context.close();
  });

  it("a transfer to a named counter puts the ticket in that counter's queue with the note and the reason", async () => {
    const t = await issue(server, 'vehicles');
    const sender = await newPage(browser);
    const receiver = await newPage(browser);
    await signIn(sender.page, server, 'county-staff');
    await openCounter(sender.page, '5');
    await signIn(receiver.page, server, 'county-supervisor');
    await openCounter(receiver.page, '6');
    await receiver.page.getByRole('button', { name: 'Pause' }).click();
    await receiver.page.getByRole('button', { name: 'Pause counter' }).click();
    await receiver.page.getByTestId('counter-state').filter({ hasText: 'Paused' }).waitFor(WAIT);

    await sender.page.keyboard.press('n');
    expect(await currentNumber(sender.page)).toBe(t.number);
    await sender.page.keyboard.press('t');
    const dialog = sender.page.getByRole('dialog', { name: `Transfer ${t.number}` });
    await dialog.getByRole('radio', { name: 'A named counter' }).check();
    await dialog.getByLabel('Counter', { exact: true }).selectOption('6');
    await dialog.getByLabel('Note for the next counter (optional)').fill('Needs the low desk');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await liveRegionContains(sender.page, `${t.number} transferred to Counter 6`);

    const row = receiver.page.getByTestId(`queue-row-${t.number}`);
    await row.filter({ hasText: 'sent to this counter' }).filter({ hasText: 'Needs the low desk' }).waitFor(WAIT);
    await row.getByRole('button', { name: `Reprint ${t.number}` }).click();
    await liveRegionContains(receiver.page, `No printer is set up to reprint ${t.number}`);
    await receiver.page.keyboard.press('p');
    await liveRegionContains(receiver.page, 'Counter open again');
    await receiver.page.keyboard.press('n');
    expect(await currentNumber(receiver.page)).toBe(t.number);
    await receiver.page.getByTestId('call-reason').filter({ hasText: 'It was sent to this counter by name.' }).waitFor(WAIT);
    expect(await sender.page.getByTestId(`queue-row-${t.number}`).count()).toBe(0);
    await sender.context.close();
    await receiver.context.close();
  });
});
