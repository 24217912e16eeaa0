import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView } from '../../server/src/protocol/index.js';
import { appointmentHall, helsinki } from '../support/appointmentHall.js';
import { expectAccessible, launchBrowser, newPage, tabToSelector } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';
import { chooseFirst } from './bookingSteps.js';

const WAIT = { timeout: 15_000 };

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().textContent()) ?? '';
}

describe('the public booking page, by keyboard alone', () => {
  let server: TestServer;
  let browser: Browser;
  const clock = helsinki(8, 0);

  beforeAll(async () => {
    server = await startServer({ hall: appointmentHall(), now: () => clock });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('books residence registration in English: organisation → service → day → time → check → code, axe-clean at every step', async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 390, height: 844 }, extraHTTPHeaders: { 'x-forwarded-for': '10.1.0.1' } });
    await page.goto(`${server.url}/book?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Who do you need to see?' }).waitFor(WAIT);
    expect(await page.title()).toBe('Who do you need to see?');
    await expectAccessible(page, 'organisation');

    // Continue without a choice: an error summary, focused, naming what to do.
    await tabToSelector(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('.error-summary').textContent()).toContain('Choose who you need to see');
    await expectAccessible(page, 'organisation with an error');

    await chooseFirst(page, 'Who do you need to see?');
    await page.getByRole('heading', { level: 1, name: 'What is your appointment for?' }).waitFor(WAIT);
    expect(await page.locator('input[type=radio]').count()).toBe(1); // only residence registration of the city takes appointments
    await expectAccessible(page, 'service');
    await chooseFirst(page, 'What is your appointment for?');
    await page.getByRole('heading', { level: 1, name: 'Which day?' }).waitFor(WAIT);
    expect(await page.locator('label.choice').first().textContent()).toBe('Monday, March 16');
    await expectAccessible(page, 'day');
    await chooseFirst(page, 'Which day?');
    await page.getByRole('heading', { level: 1, name: 'What time?' }).waitFor(WAIT);
    // 08:00 now, book at least 30 minutes ahead.
    expect(await page.locator('label.choice').first().textContent()).toBe('08:30');
    await expectAccessible(page, 'time');
    await chooseFirst(page, 'What time?');
    await page.getByRole('heading', { level: 1, name: 'Check your appointment' }).waitFor(WAIT);
    await expectAccessible(page, 'check');
    await tabToSelector(page, '#name');
    await page.keyboard.type('Maria');
    await tabToSelector(page, '#confirm');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Your appointment is booked' }).waitFor(WAIT);
    const code = (await page.locator('.panel .code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(await page.locator('svg.qr').getAttribute('data-value')).toBe(code);
    await expectAccessible(page, 'booked');
    const stored = await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`);
    expect(stored.body).toMatchObject({ serviceId: 'residence', time: '08:30', state: 'booked', name: 'Maria', language: 'en' });
    expect(await page.locator('a[download]').getAttribute('href')).toBe(`/api/v1/appointments/${encodeURIComponent(code)}/calendar.ics`);

    // The manage page: cancel by keyboard, after a confirmation.
    await tabToSelector(page, `a[href^="/book/manage/"]`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor(WAIT);
    await expectAccessible(page, 'manage');
    await tabToSelector(page, 'button.danger');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Are you sure you want to cancel this appointment?' }).waitFor(WAIT);
    await tabToSelector(page, 'button.danger');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your appointment is cancelled' }).waitFor(WAIT);
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`)).body.state).toBe('cancelled');
    await context.close();
  });

  it('in Finnish at 1280×1024, axe-clean at every step, and moves a booking to another time', async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 1280, height: 1024 }, extraHTTPHeaders: { 'x-forwarded-for': '10.1.0.2' } });
    await page.goto(`${server.url}/book?lang=fi`);
    const steps = ['Kenen asiakkaaksi olet tulossa?', 'Mitä asiaa ajanvaraus koskee?', 'Minä päivänä?', 'Mihin aikaan?'];
    for (const title of steps) {
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
      await expectAccessible(page, title);
      await chooseFirst(page, title);
    }
    await page.getByRole('heading', { level: 1, name: 'Tarkista ajanvarauksesi' }).waitFor(WAIT);
    await expectAccessible(page, 'tarkista');
    await tabToSelector(page, '#confirm');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Aikasi on varattu' }).waitFor(WAIT);
    await expectAccessible(page, 'varattu');
    const code = (await page.locator('.panel .code').textContent()) ?? '';

    // Move: open the manage page by its address, choose another day and time.
    await page.goto(`${server.url}/book/manage/${code}?lang=fi`);
    await page.getByRole('heading', { level: 1, name: 'Ajanvarauksesi' }).waitFor(WAIT);
    await tabToSelector(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Minä päivänä?' }).waitFor(WAIT);
    await tabToSelector(page, 'input[type=radio]');
    await page.keyboard.press('ArrowDown'); // the next day
    await tabToSelector(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await chooseFirst(page, 'Mihin aikaan?');
    await page.getByRole('heading', { level: 1, name: 'Tarkista uusi aika' }).waitFor(WAIT);
    await tabToSelector(page, '#confirm');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Aikasi on siirretty' }).waitFor(WAIT);
    await expectAccessible(page, 'siirretty');
    const moved = (await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`)).body;
    expect(moved).toMatchObject({ date: '2026-03-17', time: '00:00', state: 'booked' });
    await context.close();
  });

  it('a mistyped code on the manage page gets a clear message, and nothing else', async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 390, height: 844 }, extraHTTPHeaders: { 'x-forwarded-for': '10.1.0.3' } });
    await page.goto(`${server.url}/book/manage?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Change or cancel an appointment' }).waitFor(WAIT);
    await tabToSelector(page, '#code');
    await page.keyboard.type('AAAAA-BBBBB');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor(WAIT);
    expect(await page.locator('.error-summary').textContent()).toContain('There is no appointment with this code');
    await expectAccessible(page, 'bad code');
    await context.close();
  });
});
