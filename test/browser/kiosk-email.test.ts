import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotifyOptionsView } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startSmsGateway, startSmtp } from '../support/notifyGateways.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';
import { outsideViewport } from './fitHelpers.js';
import { WAIT, longestLanguage, noScroll, takeVehiclesTicket } from './kioskHelpers.js';

describe('kiosk: "email me when it is my turn" with the on-screen keyboard', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway(() => 200);
    const hall = demoHall();
    hall.notifications = {
      email: { host: '127.0.0.1', port: smtp.port, from: 'Service Centre <hall@example.org>' },
      sms: { url: sms.url, defaultCountryCode: '+358' },
    };
    server = await startServer({ hall, notifications: { pollMs: 50 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await smtp?.close();
    await sms?.close();
  });

  const keys = async (page: Page, text: string) => {
    for (const ch of text) await page.locator('.email-keys').getByRole('button', { name: ch, exact: true }).click();
  };

  it('a malformed address is refused and nothing stored; a good one is saved masked, and the email arrives when called; axe-clean', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    const t = await takeVehiclesTicket(page);
    const contacts = async () => (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`)).body.contacts;

    await page.getByRole('button', { name: 'Email me when it is my turn' }).click();
    await page.locator('main[data-screen="email"] h1').waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('Email me when it is my turn');
    expect(describeViolations(await axeViolations(page))).toBe('');

    await keys(page, 'anna@');
    await page.getByRole('button', { name: 'Send me emails' }).click();
    await page.locator('#email-error').waitFor(WAIT);
    expect(await page.getByRole('alert').textContent()).toContain('Enter an email address like name@example.com');
    expect(await page.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');
    expect(await contacts()).toEqual([]);
    expect(describeViolations(await axeViolations(page))).toBe('');

    await keys(page, 'example');
    await page.getByRole('button', { name: '.com' }).click();
    await page.getByRole('button', { name: 'Delete the last character' }).click();
    await keys(page, 'm');
    expect(await page.getByLabel('Your email address').inputValue()).toBe('anna@example.com');
    await page.getByRole('button', { name: 'Send me emails' }).click();
    await page.locator('main[data-screen="confirm"] .confirm-sms').waitFor(WAIT);
    expect(await page.locator('.confirm-sms').textContent()).toBe('We will email a•••@example.com.');
    expect(await page.getByRole('button', { name: 'Email me when it is my turn' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Text me when it is my turn' }).count()).toBe(1);
    expect(await contacts()).toEqual([{ channel: 'email', masked: 'a•••@example.com', ahead: 2, onCall: true }]);
    expect(describeViolations(await axeViolations(page))).toBe('');

    const staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    await waitFor('the email', () => smtp.mails.some((m) => m.text.includes('counter 4')));
    const mail = smtp.mails.find((m) => m.text.includes('counter 4'));
    expect(mail?.to).toEqual(['anna@example.com']);
    expect(mail?.text).toContain(`Ticket ${t.number}: please go to counter 4 now.`);
    await page.close();
  });

  it('by keyboard alone: a real keyboard types the address, the keys, Send and Back are reachable and work', async () => {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await takeVehiclesTicket(page);
    await page.getByRole('button', { name: 'Email me when it is my turn' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('main[data-screen="email"] h1').waitFor(WAIT);
    await page.getByLabel('Your email address').focus();
    await page.keyboard.type('hr.desk@example.or');
    await page.locator('.email-keys').getByRole('button', { name: 'g', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Your email address').inputValue()).toBe('hr.desk@example.org');
    await page.getByRole('button', { name: 'Back' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
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
          const offer = page.locator('main button.email-offer');
          await offer.waitFor(WAIT);
          await page.waitForTimeout(300);
          await noScroll(page, `confirmation ${what}`);
          expect(await outsideViewport(page, '.ticket-number, svg.qr, main .actions button, main button.sms-offer'), `confirmation ${what}`).toEqual([]);
          await offer.click();
          await page.locator('main[data-screen="email"] h1').waitFor(WAIT);
          await page.locator('main button.primary').click();
          await page.locator('#email-error').waitFor(WAIT);
          await page.waitForTimeout(300);
          await noScroll(page, `keyboard ${what}`);
          expect(await outsideViewport(page, '.email-keys button, #email-address, main .actions button, #email-error'), `keyboard ${what}`).toEqual([]);
          await page.close();
        });
      }
    }
  }
});
