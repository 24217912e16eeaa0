import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView, HallConfigInput } from '../../server/src/protocol/index.js';
import { appointmentHall, helsinki } from '../support/appointmentHall.js';
import { expectAccessible, launchBrowser, newPage, tabToSelector } from '../support/browser.js';
import { startSmsGateway, startSmtp } from '../support/notifyGateways.js';
import { startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';
import { chooseFirst } from './bookingSteps.js';

/** The booking page's optional reminder: keyboard only, a malformed address refused on screen, axe-clean, delivered. */

const WAIT = { timeout: 15_000 };

function hall(smtpPort: number, smsUrl: string): HallConfigInput {
  const h = appointmentHall();
  h.hall.publicUrl = 'https://queue.example.org';
  h.notifications = {
    email: { host: '127.0.0.1', port: smtpPort, from: 'Service Centre <hall@example.org>' },
    sms: { url: smsUrl, defaultCountryCode: '+358' },
    reminders: { minutesBefore: [30] },
  };
  return h;
}

describe('the booking page: a reminder by email or SMS', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let server: TestServer;
  let browser: Browser;
  let clock = helsinki(7, 50);

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway(() => 202);
    server = await startServer({ hall: hall(smtp.port, sms.url), now: () => clock, notifications: { pollMs: 50, retryBaseMs: 40, retryMaxMs: 200 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await smtp?.close();
    await sms?.close();
  });

  it('a malformed email is refused with an error summary and nothing stored; a good one is booked, masked, and reminded', async () => {
    const count = (table: string) => (server.app.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const { page, context } = await newPage(browser, { viewport: { width: 390, height: 844 }, extraHTTPHeaders: { 'x-forwarded-for': '10.1.0.7' } });
    await page.goto(`${server.url}/book?lang=en`);
    await chooseFirst(page, 'Who do you need to see?');
    await chooseFirst(page, 'What is your appointment for?');
    await chooseFirst(page, 'Which day?');
    await chooseFirst(page, 'What time?');
    await page.getByRole('heading', { level: 1, name: 'Check your appointment' }).waitFor(WAIT);
    expect(await page.getByRole('group', { name: 'A reminder before the appointment (optional)' }).count()).toBe(1);
    expect(await page.getByLabel('Email address').getAttribute('type')).toBe('email');
    expect(await page.getByLabel('Mobile number').getAttribute('type')).toBe('tel');
    await expectAccessible(page, 'check with reminder fields');

    await tabToSelector(page, '#email');
    await page.keyboard.type('maria@');
    await tabToSelector(page, '#confirm');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('.error-summary').textContent()).toContain('Enter an email address like name@example.com');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email-error').textContent()).toContain('Enter an email address');
    await expectAccessible(page, 'check with a malformed email');
    expect(count('appointments')).toBe(0);
    expect(count('booking_contacts')).toBe(0);

    // Fix it, add a number, book.
    await tabToSelector(page, '#email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('maria.k@example.org');
    await tabToSelector(page, '#phone');
    await page.keyboard.type('040 123 4567');
    await tabToSelector(page, '#confirm');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your appointment is booked' }).waitFor(WAIT);
    expect(await page.locator('.reminder-set').textContent()).toBe('We will send a reminder to m•••@example.org, +358 ••• ••67.');
    expect(await page.content()).not.toContain('maria.k@example.org');
    await expectAccessible(page, 'booked with a reminder');
    const code = (await page.locator('.panel .code').textContent()) ?? '';
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`)).body).toMatchObject({ time: '08:30', state: 'booked' });
    expect(count('booking_contacts')).toBe(2);

    // 30 minutes before the slot: the reminder, by email and SMS, with the booking's page.
    clock = helsinki(8, 0);
    await waitFor('the reminder email', () => smtp.mails.length === 1);
    await waitFor('the reminder SMS', () => sms.requests.length === 1);
    expect(smtp.mails[0]?.to).toEqual(['maria.k@example.org']);
    expect(smtp.mails[0]?.text).toContain('Reminder: your appointment for');
    expect(smtp.mails[0]?.text).toContain('08:30');
    expect(smtp.mails[0]?.text).toContain(`https://queue.example.org/book/manage/${code}`);
    expect(sms.requests[0]?.body.to).toBe('+358401234567');
    await context.close();
  });

  it('the reminder fields are in Finnish on the Finnish page, axe-clean at 1280×1024', async () => {
    clock = helsinki(7, 50);
    const { page, context } = await newPage(browser, { viewport: { width: 1280, height: 1024 }, extraHTTPHeaders: { 'x-forwarded-for': '10.1.0.8' } });
    await page.goto(`${server.url}/book?lang=fi`);
    const first = async () => {
      await page.locator('h1').first().waitFor(WAIT);
      const before = (await page.locator('h1').first().textContent()) ?? '';
      await tabToSelector(page, 'input[type=radio]');
      await page.keyboard.press('Space');
      await tabToSelector(page, 'button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForFunction((b) => document.querySelector('h1')?.textContent !== b, before, WAIT);
    };
    for (let i = 0; i < 4; i++) await first();
    await page.locator('#email').waitFor(WAIT);
    expect(await page.getByRole('group', { name: 'Muistutus ennen varattua aikaa (vapaaehtoinen)' }).count()).toBe(1);
    expect(await page.getByLabel('Matkapuhelinnumero').count()).toBe(1);
    await expectAccessible(page, 'Finnish check with reminder fields');
    await context.close();
  });
});
