import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IssueTicketResponse, NotifyOptionsView } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, newPage, withNotifyingHall } from '../support/browser.js';
import type { ReceivedMail } from '../support/notifyGateways.js';
import type { TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';

const WAIT = { timeout: 15_000 };

describe('the status page: "tell me when it is my turn"', () => {
  let server: TestServer;
  let browser: Browser;
  let mails: ReceivedMail[];
  withNotifyingHall((h) => ({ server, browser, mails } = h), {
    adjust: (hall) => {
      hall.hall.publicUrl = 'http://hall.example:8080';
    },
    server: { notifications: { retryBaseMs: 40, pollMs: 50 } },
  });

  const axeClean = async (page: Page, where: string) => {
    const v = await axeViolations(page);
    expect(v, `${where}:\n${describeViolations(v)}`).toEqual([]);
  };
  const contacts = async (token: string) => (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${token}/notify`)).body.contacts;

  it('by keyboard: a malformed number is refused with a focused message, a good one is saved masked, "Stop" deletes it; axe-clean throughout', async () => {
    const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await page.goto(server.url + t.statusPath);
    await page.getByRole('heading', { name: 'Tell me when it is my turn' }).waitFor(WAIT);
    // The hall's address is not https: push is explained, not offered.
    expect(await page.getByTestId('push-note').textContent()).toContain('need a secure (https) address');
    expect(await page.getByLabel('A notification on this phone').count()).toBe(0);
    expect(await page.locator('input[type="radio"]').count()).toBe(2);
    await axeClean(page, 'the form');

    await page.getByLabel('Text message (SMS)').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Your mobile number').focus();
    await page.keyboard.type('12ab34');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.textContent()).toContain('Enter a mobile number with its country code');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), WAIT).toBe('alert');
    expect(await page.getByLabel('Your mobile number').getAttribute('aria-invalid')).toBe('true');
    expect(await contacts(t.statusToken)).toEqual([]);
    await axeClean(page, 'the error');

    await page.getByLabel('Your mobile number').fill('');
    await page.getByLabel('Your mobile number').focus();
    await page.keyboard.type('040 765 4321');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('+358 ••• ••21');
    expect(await contacts(t.statusToken)).toEqual([{ channel: 'sms', masked: '+358 ••• ••21', ahead: 2, onCall: true }]);
    expect(await page.locator('.notify-active').textContent()).toContain('when 2 or fewer are ahead of you, when you are called');
    await axeClean(page, 'saved');

    await page.getByRole('button', { name: 'Stop: +358 ••• ••21' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Your address is deleted');
    expect(await contacts(t.statusToken)).toEqual([]);
    await page.close();
    expect((await server.api('POST', `/api/v1/tickets/status/${t.statusToken}/cancel`)).status).toBe(200);
  });

  it('in Finnish: an email "when called" is saved and arrives when a counter calls; the open page also vibrates, chimes and changes its title', async () => {
    const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles', language: 'fi' } })).body.ticket;
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    // The phone's vibration motor and speaker are the boundary: record what the page asks of them.
    await page.addInitScript(() => {
      const felt: { vibrations: unknown[]; tones: number } = { vibrations: [], tones: 0 };
      (window as unknown as { __felt: typeof felt }).__felt = felt;
      Object.defineProperty(navigator, 'vibrate', {
        value: (pattern: unknown) => {
          felt.vibrations.push(pattern);
          return true;
        },
      });
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (when?: number) {
        felt.tones += 1;
        start.call(this, when);
      };
    });
    await page.goto(server.url + t.statusPath);
    await page.getByRole('heading', { name: 'Ilmoita, kun on vuoroni' }).waitFor(WAIT);
    await page.getByLabel('Kun edelläni on enää muutama asiakas').selectOption('off');
    await page.getByLabel('Sähköposti').check();
    await page.getByLabel('Sähköpostiosoitteesi').fill('maija@example.fi');
    await axeClean(page, 'the Finnish form');
    await page.getByRole('button', { name: 'Ilmoita minulle' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('m•••@example.fi');
    expect(await contacts(t.statusToken)).toEqual([{ channel: 'email', masked: 'm•••@example.fi', ahead: null, onCall: true }]);
    await axeClean(page, 'saved in Finnish');

    const staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    await expect.poll(() => page.title(), WAIT).toContain('4');
    const felt = () => page.evaluate(() => (window as unknown as { __felt: { vibrations: unknown[]; tones: number } }).__felt);
    await expect.poll(async () => (await felt()).tones, WAIT).toBe(2);
    expect((await felt()).vibrations).toEqual([[400, 200, 400]]);
    await waitFor('the email', () => mails.length === 1);
    expect(mails[0]?.text).toContain(`Vuoronumero ${t.number}: mene nyt palvelupisteeseen 4.`);
    // Called: the form is gone (opt-ins are for waiting visitors).
    expect(await page.getByTestId('notify-form').count()).toBe(0);
    await page.close();
  });
});
