import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView, EntranceCode } from '../../server/src/protocol/index.js';
import { appointmentHall } from '../support/appointmentHall.js';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';
import { signIn, WAIT } from './counterSteps.js';

/** The counter's appointments screen at 1366×768: the day's list with its counts, check-in, cancel with a reason, booking on behalf. */
describe("the counter's appointments", () => {
  let server: TestServer;
  let browser: Browser;
  // Tomorrow morning on the real calendar (a staff session's expiry is checked against the browser's clock).
  const today = new Date();
  const B = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, 6, 0);
  const MIN = 60_000;
  let clock = B;
  let n = 0;

  beforeAll(async () => {
    const hall = appointmentHall();
    // Residence can also be joined from home: supervisors then see the entrance QR.
    hall.services = hall.services.map((s) => (s.id === 'residence' ? { ...s, remote: { dailyCap: 10, maxEstimateMinutes: 120, graceMinutes: 10 } } : s));
    server = await startServer({ hall, now: () => clock });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const book = async (at: number, name?: string): Promise<string> => {
    const r = await server.api<{ appointment: AppointmentView }>('POST', '/api/v1/appointments', {
      body: { serviceId: 'residence', at, ...(name ? { name } : {}) },
      headers: { 'x-forwarded-for': `10.3.0.${++n}` },
    });
    expect(r.status).toBe(201);
    return r.body.appointment.code;
  };

  it('lists the day (booked, arrived, late, no-show), checks in by code, cancels with a reason and books on behalf; axe-clean', async () => {
    clock = B;
    const missedToo = await book(B + 60 * MIN, 'Aino');
    const late = await book(B + 75 * MIN);
    const missed = await book(B + 30 * MIN);
    const toCancel = await book(B + 120 * MIN);
    clock = B + 80 * MIN; // +75 is late (grace 10); +30 and +60 are no-shows
    const { page, context } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'city-staff');
    await page.getByRole('link', { name: 'Appointments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Appointments' }).waitFor(WAIT);
    await page.locator('[data-testid="appt-table"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="entrance-qr"]').count()).toBe(0); // the entrance QR is for supervisors
    expect(await page.locator('[data-testid="appt-counts"]').textContent()).toBe('Booked 1 · arrived 0 · late 1 · no-show 2');
    expect(await page.locator(`tr:has-text("${late}")`).getAttribute('data-status')).toBe('late');
    expect(await page.locator(`tr:has-text("${missed}")`).getAttribute('data-status')).toBe('no-show');
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);

    await page.getByLabel('Booking or arrival code').fill(late);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByText(/Checked in: number R001/).first().waitFor(WAIT);
    await page.locator(`tr[data-status="arrived"]:has-text("${late}")`).waitFor(WAIT);
    expect(await page.locator(`tr:has-text("${missedToo}")`).getAttribute('data-status')).toBe('no-show');

    await page.locator(`tr:has-text("${toCancel}")`).getByRole('button', { name: /^Cancel/ }).click();
    await page.getByLabel('Reason (kept with the appointment)').fill('visitor phoned');
    await page.getByRole('button', { name: 'Cancel the appointment' }).click();
    await page.locator(`tr[data-status="cancelled"]:has-text("${toCancel}")`).waitFor(WAIT);
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${toCancel}`)).body.state).toBe('cancelled');

    const slot = page.getByLabel('Time', { exact: true });
    const first = await slot.locator('option').nth(1).textContent();
    await slot.selectOption({ index: 1 });
    await page.getByLabel('Name (optional)').fill('At the desk');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    const booked = page.locator('[data-testid="appt-booked"]');
    await booked.waitFor(WAIT);
    const code = /([2-9A-Z]{5}-[2-9A-Z]{5})/.exec((await booked.textContent()) ?? '')?.[1] ?? '';
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`)).body).toMatchObject({ time: first, name: 'At the desk' });
    const after = await axeViolations(page);
    expect(after, describeViolations(after)).toEqual([]);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(scroll, 'no sideways scroll at 1366×768').toBe(true);
    await context.close();
  });
  it("statistics show the appointment figures per service to a supervisor, axe-clean", async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'city-supervisor');
    await page.getByRole('link', { name: 'Statistics' }).click();
    // The bookings are for tomorrow on the browser's calendar: choose that day as the period.
    const day = new Date(B).toISOString().slice(0, 10);
    await page.locator('input[name="period"][value="custom"]').check();
    await page.locator('#stats-from').fill(day);
    await page.locator('#stats-to').fill(day);
    await page.locator('#stats-to').press('Enter');
    const section = page.locator('[data-testid="stats-appointments"]');
    await section.locator('tbody tr').first().waitFor(WAIT);
    const residence = section.locator('tbody tr', { hasText: 'Residence registration' });
    await residence.waitFor(WAIT);
    // Five bookings, one cancelled: four booked; one arrived; two no-shows.
    expect(await residence.locator('td').nth(0).textContent()).toBe('4');
    expect(await residence.locator('td').nth(1).textContent()).toBe('1');
    expect(await residence.locator('td').nth(2).textContent()).toBe('2');
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await context.close();
  });

  it("a supervisor's appointments screen shows today's entrance QR and code (staff do not see it), axe-clean", async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'city-supervisor');
    await page.getByRole('link', { name: 'Appointments' }).click();
    const section = page.locator('[data-testid="entrance-qr"]');
    await section.waitFor(WAIT);
    const staffToken = await server.login('city-supervisor');
    const entrance = (await server.api<EntranceCode>('GET', '/api/v1/remote/entrance', { token: staffToken })).body;
    expect(await section.locator('.entrance-code').textContent()).toBe(entrance.code);
    expect(await section.getByRole('img').getAttribute('data-value')).toBe(`${server.url}${entrance.path}`);
    await section.getByRole('button', { name: 'Print' }).waitFor(WAIT);
    await page.emulateMedia({ media: 'print' });
    // Printed, only the QR section shows (a sign for the door).
    expect(await page.locator('h1').evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden');
    expect(await section.locator('svg').evaluate((e) => getComputedStyle(e).visibility)).toBe('visible');
    await page.emulateMedia({ media: 'screen' });
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await context.close();
  });
});
