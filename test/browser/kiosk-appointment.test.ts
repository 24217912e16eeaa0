import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView } from '../../server/src/protocol/index.js';
import { appointmentHall, helsinki } from '../support/appointmentHall.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';
import { outsideViewport, pageScroll } from './fitHelpers.js';
import { WAIT } from './kioskHelpers.js';

/** "I have an appointment" at the kiosk: the code typed (a hand scanner types too) or tapped on the keys. */
describe('kiosk check-in for an appointment', () => {
  let server: TestServer;
  let browser: Browser;
  let clock = helsinki(8, 0);
  let n = 0;

  beforeAll(async () => {
    server = await startServer({ hall: appointmentHall(), now: () => clock });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const book = async (serviceId: string, at: number): Promise<string> => {
    const r = await server.api<{ appointment: AppointmentView }>('POST', '/api/v1/appointments', {
      body: { serviceId, at },
      headers: { 'x-forwarded-for': `10.2.0.${++n}` },
    });
    expect(r.status).toBe(201);
    return r.body.appointment.code;
  };

  async function kiosk(viewport: { width: number; height: number }, large = false): Promise<Page> {
    const { page } = await newPage(browser, { viewport });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    if (large) await page.getByRole('button', { name: 'Large text' }).click();
    return page;
  }

  /** "I have an appointment", then waits until the code field has focus (where a hand scanner types). */
  async function openCheckIn(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'I have an appointment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check in for your appointment' }).waitFor(WAIT);
    await page.waitForFunction(() => document.activeElement?.id === 'booking-code', undefined, WAIT);
  }

  async function fits(page: Page, where: string): Promise<void> {
    const scroll = await pageScroll(page);
    expect(scroll.height, `${where}: page scrolls`).toBeLessThanOrEqual(scroll.viewportHeight);
    expect(scroll.width, `${where}: page scrolls sideways`).toBeLessThanOrEqual(scroll.viewportWidth);
    expect(await outsideViewport(page, 'main button, main input, main h1'), where).toEqual([]);
  }

  async function accessible(page: Page, where: string): Promise<void> {
    const v = await axeViolations(page);
    expect(v, `${where}: ${describeViolations(v)}`).toEqual([]);
  }

  it('a scanned code (typed, then Enter) checks the visitor in: a ticket under the appointment prefix, axe-clean, fits 1280×1024', async () => {
    clock = helsinki(8, 0);
    const code = await book('residence', helsinki(8, 30));
    clock = helsinki(8, 20);
    const page = await kiosk({ width: 1280, height: 1024 });
    // The field has focus: a hand scanner types into it.
    await openCheckIn(page);
    await fits(page, 'code entry');
    await accessible(page, 'code entry');
    await page.keyboard.type(code.toLowerCase());
    await page.keyboard.press('Enter');
    const heading = page.locator('h1[data-checked-in]');
    await heading.waitFor(WAIT);
    expect(await heading.getAttribute('data-checked-in')).toBe('R001');
    // The demo hall has no printer configured: the screen says so and keeps the number and QR code in view.
    expect(await page.locator('[data-print]').getAttribute('data-print')).toBe('no-printer');
    await fits(page, 'checked in');
    await accessible(page, 'checked in');
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`)).body.state).toBe('arrived');
    await page.close();
  });

  it('too early: told when to come back; the keys work by touch, and the screen fits 1080×1920 in large text', async () => {
    clock = helsinki(8, 0);
    const code = await book('residence', helsinki(10, 0));
    const page = await kiosk({ width: 1080, height: 1920 }, true);
    await page.getByRole('button', { name: 'I have an appointment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check in for your appointment' }).waitFor(WAIT);
    await fits(page, 'code entry, large text');
    for (const ch of code.replace('-', '')) await page.locator('.code-keys .code-key', { hasText: new RegExp(`^${ch}$`) }).click();
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'You are early' }).waitFor(WAIT);
    expect(await page.locator('[data-come-back]').textContent()).toBe('Your appointment is at 10:00. You can check in from 09:40.');
    await fits(page, 'too early, large text');
    await accessible(page, 'too early');
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`)).body.state).toBe('booked');
    await page.close();
  });

  it('a code in the wrong shape or unknown gets a clear message; an appointment-only service leads to the check-in', async () => {
    clock = helsinki(8, 0);
    const page = await kiosk({ width: 1280, height: 1024 });
    await page.locator('button[data-service="immigration"]').click();
    await page.getByRole('heading', { level: 1, name: 'Check in for your appointment' }).waitFor(WAIT);
    await page.waitForFunction(() => document.activeElement?.id === 'booking-code', undefined, WAIT);
    await page.keyboard.type('ABC');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'A booking code has 10 letters and digits' }).waitFor(WAIT);
    await page.locator('#booking-code').fill('ZZZZZ-ZZZZZ');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'There is no appointment with this code' }).waitFor(WAIT);
    await accessible(page, 'unknown code');
    await page.close();
  });

  it('too late for a service that takes walk-ins: a ticket is offered instead; for an appointment-only one, staff', async () => {
    clock = helsinki(8, 0);
    const residence = await book('residence', helsinki(9, 0));
    const immigration = await book('immigration', helsinki(9, 0));
    clock = helsinki(9, 11);
    const page = await kiosk({ width: 1280, height: 1024 });
    await openCheckIn(page);
    await page.keyboard.type(residence);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your appointment time has passed' }).waitFor(WAIT);
    await accessible(page, 'too late');
    await page.getByRole('button', { name: 'Take a ticket' }).click();
    await page.locator('main[data-screen="needs"], main[data-screen="confirm"]').waitFor(WAIT);
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await openCheckIn(page);
    await page.keyboard.type(immigration);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your appointment time has passed' }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Take a ticket' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('by appointment only');
    await page.close();
  });
});
