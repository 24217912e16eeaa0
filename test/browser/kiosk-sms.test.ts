import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startSmsGateway } from '../support/notifyGateways.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';
import {
  SMS_SCREEN,
  backByKeyboard,
  callToCounter4,
  contactScreensFit,
  openByKeyboard,
  openFromOffer,
  pressKeyByKeyboard,
  pressKeys,
  sendRefused,
  sendSaved,
} from './kioskContactSteps.js';
import { longestLanguage } from './kioskHelpers.js';

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

  it('a malformed number is refused and nothing stored; a good one is saved masked, and the text arrives when called; axe-clean', async () => {
    const { page, ticket: t, contacts } = await openFromOffer(browser, server, SMS_SCREEN);

    await pressKeys(page, SMS_SCREEN, '12');
    await sendRefused(page, SMS_SCREEN, 'Enter a mobile number with its country code', contacts);

    await page.getByRole('button', { name: 'Delete the last digit' }).click();
    await page.getByRole('button', { name: 'Delete the last digit' }).click();
    expect(await page.getByLabel('Your mobile number').inputValue()).toBe('');
    await pressKeys(page, SMS_SCREEN, '0401234567');
    expect(await page.getByLabel('Your mobile number').inputValue()).toBe('0401234567');
    await sendSaved(page, SMS_SCREEN, 'We will text +358 ••• ••67.', [{ channel: 'sms', masked: '+358 ••• ••67', ahead: 2, onCall: true }], contacts);

    await callToCounter4(server);
    await waitFor('the text message', () => sms.requests.some((r) => r.body.text.includes('counter 4')));
    const call = sms.requests.find((r) => r.body.text.includes('counter 4'));
    expect(call?.body.to).toBe('+358401234567');
    expect(call?.body.text).toBe(`Ticket ${t.number}: please go to counter 4 now.`);
    await page.close();
  });

  it('by keyboard alone: the keypad, Send and Back are reachable and work', async () => {
    const page = await openByKeyboard(browser, server, SMS_SCREEN);
    await page.keyboard.type('+358 40 1');
    await pressKeyByKeyboard(page, SMS_SCREEN, '2');
    expect(await page.getByLabel('Your mobile number').inputValue()).toBe('+358 40 12');
    await backByKeyboard(page);
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
        await contactScreensFit(browser, server, SMS_SCREEN, { viewport, lang, large }, what);
      });
    }
  }
});
