import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TicketView } from '../../server/src/protocol/index.js';
import { joinSocket, startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';
import { WAIT, issue, openCounter, signIn } from './counterSteps.js';
import { openKiosk, serviceButton } from './kioskHelpers.js';

/**
 * The kiosk and the counter follow the screens' shared sequence rule: an event that skips a number is not applied,
 * one snapshot is fetched, and the screen carries on with the hall as it really is.
 * (The display's case is in display-resync.test.ts.)
 */
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

/** The channel's current sequence number, as a freshly joined screen sees it. */
async function currentSeq(req: Parameters<typeof joinSocket>[1]): Promise<number> {
  const { socket, snapshot } = await joinSocket(server.url, req);
  socket.close();
  return snapshot.seq;
}

describe('kiosk and counter resynchronisation', () => {
  it('a kiosk that misses a number ignores the event that revealed it, fetches a snapshot and keeps its buttons current', async () => {
    const page = await openKiosk(browser, server);
    const button = serviceButton(page, 'lost-found');
    const before = await button.textContent();
    const seq = await currentSeq({ role: 'kiosk', kioskId: 'entrance' });
    // A queue update far ahead: a gap. Applied, the kiosk would then wait for numbers past it and ignore every real
    // update.
    server.app.io.to('kiosk').emit('queue:changed', { seq: seq + 1_000, services: [] });
    for (let i = 0; i < 3; i += 1) await issue(server, 'lost-found');
    await expect.poll(() => button.textContent(), WAIT).not.toBe(before);
    expect(await page.locator('button[data-service]').count()).toBeGreaterThan(1);
    await page.close();
  });

  it('a counter that misses a number never shows the event that revealed it and carries on with the real queue', async () => {
    const token = await server.login('city-staff');
    const first = await issue(server, 'identity');
    const { page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '2');
    await page.getByTestId(`queue-row-${first.number}`).waitFor(WAIT);

    const real = await server.api<TicketView>('GET', `/api/v1/tickets/${first.id}`, { token });
    const seq = await currentSeq({ role: 'staff', token });
    const ghost: TicketView = { ...real.body, id: 999_999, number: 'Z999' };
    server.app.io.to('staff').emit('ticket:changed', { seq: seq + 2, ticketId: ghost.id, ticket: ghost });

    const second = await issue(server, 'identity');
    await page.getByTestId(`queue-row-${second.number}`).waitFor(WAIT);
    expect(await page.getByTestId('queue-row-Z999').count()).toBe(0);
    await page.close();
  });
});
