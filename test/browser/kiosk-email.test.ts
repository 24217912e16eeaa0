import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withNotifyingHall } from '../support/browser.js';
import type { ReceivedMail } from '../support/notifyGateways.js';
import type { TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';
import {
  EMAIL_SCREEN,
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
import { longestLanguage, WAIT } from './kioskHelpers.js';

describe('kiosk: "email me when it is my turn" with the on-screen keyboard', () => {
  let server: TestServer;
  let browser: Browser;
  let mails: ReceivedMail[];
  withNotifyingHall((h) => ({ server, browser, mails } = h), { server: { notifications: { pollMs: 50 } } });

  it('a malformed address is refused and nothing stored; a good one is saved masked, and the email arrives when called; axe-clean', async () => {
    const { page, ticket: t, contacts } = await openFromOffer(browser, server, EMAIL_SCREEN);

    await pressKeys(page, EMAIL_SCREEN, 'anna@');
    await sendRefused(page, EMAIL_SCREEN, 'Enter an email address like name@example.com', contacts);
    expect(await page.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');

    await pressKeys(page, EMAIL_SCREEN, 'example');
    await page.getByRole('button', { name: '.com' }).click();
    await page.getByRole('button', { name: 'Delete the last character' }).click();
    await pressKeys(page, EMAIL_SCREEN, 'm');
    expect(await page.getByLabel('Your email address').inputValue()).toBe('anna@example.com');
    await sendSaved(page, EMAIL_SCREEN, 'We will email a•••@example.com.', [{ channel: 'email', masked: 'a•••@example.com', ahead: 2, onCall: true }], contacts);
    // The other offer stays.
    expect(await page.getByRole('button', { name: 'Text me when it is my turn' }).count()).toBe(1);

    await callToCounter4(server);
    await waitFor('the email', () => mails.some((m) => m.text.includes('counter 4')));
    const mail = mails.find((m) => m.text.includes('counter 4'));
    expect(mail?.to).toEqual(['anna@example.com']);
    expect(mail?.text).toContain(`Ticket ${t.number}: please go to counter 4 now.`);
    await page.close();
  });

  it('by keyboard alone: a real keyboard types the address, the keys, Send and Back are reachable and work', async () => {
    const page = await openByKeyboard(browser, server, EMAIL_SCREEN);
    await page.keyboard.type('hr.desk@example.or');
    await pressKeyByKeyboard(page, EMAIL_SCREEN, 'g');
    expect(await page.getByLabel('Your email address').inputValue()).toBe('hr.desk@example.org');
    await backByKeyboard(page);
    await page.close();
  });

  it('the browser Back button on the email screen goes back to the confirmation, keeping the number saved on the SMS screen', async () => {
    const { page, contacts } = await openFromOffer(browser, server, SMS_SCREEN);
    await pressKeys(page, SMS_SCREEN, '0401234567');
    await sendSaved(page, SMS_SCREEN, 'We will text +358 ••• ••67.', [{ channel: 'sms', masked: '+358 ••• ••67', ahead: 2, onCall: true }], contacts);
    await page.getByRole('button', { name: EMAIL_SCREEN.offer }).click();
    await page.locator('main[data-screen="email"] h1').waitFor(WAIT);
    await page.evaluate(() => history.back());
    await page.locator('main[data-screen="confirm"] .confirm-sms').waitFor(WAIT);
    expect(await page.locator('.confirm-sms').textContent()).toBe('We will text +358 ••• ••67.');
    expect(await page.getByRole('button', { name: EMAIL_SCREEN.offer }).count()).toBe(1);
    await page.close();
  });

  // The longest catalog, and Finnish (the longest words, e.g. "sähköpostiosoite").
  for (const lang of [...new Set([longestLanguage(), 'fi'])]) {
    for (const viewport of [
      { width: 1080, height: 1920 },
      { width: 1280, height: 1024 },
    ]) {
      for (const large of [false, true]) {
        const what = `${viewport.width}×${viewport.height}, ${large ? 'large text' : 'normal'}, ${lang}`;
        it(`the confirmation with both offers and the keyboard screen (with an error) fit without scrolling at ${what}`, { timeout: 60_000 }, async () => {
          await contactScreensFit(browser, server, EMAIL_SCREEN, { viewport, lang, large }, what);
        });
      }
    }
  }
});
