import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotifyOptionsView } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startSmsGateway } from '../support/notifyGateways.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';
import { outsideViewport } from './fitHelpers.js';
import { WAIT, longestLanguage, noScroll, takeVehiclesTicket } from './kioskHelpers.js';

describe('kiosk: "text me when it is my turn" with the on-screen keypad', () => {
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    sms = await startSmsGateway(() => 200);
    const hall = demoHall();
    hall.notifications = { sms: { url: sms.url, defaultCountryCode: '+358' } };
    server = await startServer({ hall, notifications: { pollMs: 50 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await sms?.close();
  });

  const keys = async (page: Page, digits: string) => {
    for (const d of digits) await page.locator('.keypad').getByRole('button', { name: d, exact: true }).click();
  };

  it('a malformed number is refused and nothing stored; a good one is saved masked, and the text arrives when called; axe-clean', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    const t = await takeVehiclesTicket(page);
    const contacts = async () => (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`)).body.contacts;

    await page.getByRole('button', { name: 'Text me when it is my turn' }).click();
    await page.locator('main[data-screen="sms"] h1').waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('Text me when it is my turn');
    expect(describeViolations(await axeViolations(page))).toBe('');

    await keys(page, '12');
    await page.getByRole('button', { name: 'Send me texts' }).click();
    await page.locator('#sms-error').waitFor(WAIT);
    expect(await page.getByRole('alert').textContent()).toContain('Enter a mobile number with its country code');
    expect(await contacts()).toEqual([]);
    expect(describeViolations(await axeViolations(page))).toBe('');

    await page.getByRole('button', { name: 'Delete the last digit' }).click();
    await page.getByRole('button', { name: 'Delete the last digit' }).click();
    expect(await page.getByLabel('Your mobile number').inputValue()).toBe('');
    await keys(page, '0401234567');
    expect(await page.getByLabel('Your mobile number').inputValue()).toBe('0401234567');
    await page.getByRole('button', { name: 'Send me texts' }).click();
    await page.locator('main[data-screen="confirm"] .confirm-sms').waitFor(WAIT);
    expect(await page.locator('.confirm-sms').textContent()).toBe('We will text +358 ••• ••67.');
    expect(await page.getByRole('button', { name: 'Text me when it is my turn' }).count()).toBe(0);
    expect(await contacts()).toEqual([{ channel: 'sms', masked: '+358 ••• ••67', ahead: 2, onCall: true }]);
    expect(describeViolations(await axeViolations(page))).toBe('');

    const staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    await waitFor('the text message', () => sms.requests.some((r) => r.body.text.includes('counter 4')));
    const call = sms.requests.find((r) => r.body.text.includes('counter 4'));
    expect(call?.body.to).toBe('+358401234567');
    expect(call?.body.text).toBe(`Ticket ${t.number}: please go to counter 4 now.`);
    await page.close();
  });

  it('by keyboard alone: the keypad, Send and Back are reachable and work', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await takeVehiclesTicket(page);
    await page.getByRole('button', { name: 'Text me when it is my turn' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('main[data-screen="sms"] h1').waitFor(WAIT);
    await page.getByLabel('Your mobile number').focus();
    await page.keyboard.type('+358 40 1');
    await page.locator('.keypad').getByRole('button', { name: '2', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Your mobile number').inputValue()).toBe('+358 40 12');
    await page.getByRole('button', { name: 'Back' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
    await page.close();
  });

  const lang = longestLanguage();
  for (const viewport of [
    { width: 1080, height: 1920 },
    { width: 1280, height: 1024 },
  ]) {
    for (const large of [false, true]) {
      const what = `${viewport.width}×${viewport.height}, ${large ? 'large text' : 'normal'}, ${lang}`;
      it(`the confirmation with the offer and the keypad screen (with an error) fit without scrolling at ${what}`, { timeout: 60_000 }, async () => {
        const { page } = await newPage(browser, { viewport });
        await page.goto(`${server.url}/kiosk/?id=entrance`);
        await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
        await page.locator(`button.language[lang="${lang}"]`).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang, WAIT);
        if (large) {
          await page.locator('button.tool').first().click();
          await page.waitForFunction(() => document.documentElement.classList.contains('mode-large'), null, WAIT);
        }
        await takeVehiclesTicket(page);
        const offer = page.locator('main button.sms-offer');
        await offer.waitFor(WAIT);
        await page.waitForTimeout(300);
        await noScroll(page, `confirmation ${what}`);
        expect(await outsideViewport(page, '.ticket-number, svg.qr, main .actions button, main button.sms-offer'), `confirmation ${what}`).toEqual([]);
        await offer.click();
        await page.locator('main[data-screen="sms"] h1').waitFor(WAIT);
        await page.locator('main button.primary').click();
        await page.locator('#sms-error').waitFor(WAIT);
        await noScroll(page, `keypad ${what}`);
        expect(await outsideViewport(page, '.keypad button, #sms-number, main .actions button, #sms-error'), `keypad ${what}`).toEqual([]);
        await page.close();
      });
    }
  }
});
