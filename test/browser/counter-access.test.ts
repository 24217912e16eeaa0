import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../support/server.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, issue, openCounter, signIn } from './counterSteps.js';

async function expectAccessible(page: Page): Promise<void> {
  const v = await axeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}

describe('counter client: access, sign-in and the supervisor view', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('a wrong password gives a clear message and stores no token', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/counter/`);
    await page.getByLabel('Username').fill('city-staff');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The username or password is not right' }).waitFor(WAIT);
    expect(await page.evaluate(() => Object.keys(sessionStorage).length + Object.keys(localStorage).filter((k) => k.includes('session')).length)).toBe(0);
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await expectAccessible(page);
    await context.close();
  });

  it('when the session ends on the server, the next action asks to sign in again', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-staff');
    await openCounter(page, '6');
    const stored = await page.evaluate(() => sessionStorage.getItem('vuoro.counter.session'));
    const token = (JSON.parse(stored ?? '{}') as { token?: string }).token ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect((await server.api('DELETE', '/api/v1/session', { token })).status).toBe(204);
    await issue(server, 'licences');
    await page.keyboard.press('n');
    await page.getByText('You were signed out because your sign-in ran out').waitFor(WAIT);
    await page.getByRole('heading', { name: 'Sign in to the counter' }).waitFor(WAIT);
    expect(await page.evaluate(() => sessionStorage.getItem('vuoro.counter.session'))).toBeNull();
    await context.close();
  });

  it('the language switch changes the whole screen and remembers the choice', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/counter/`);
    await page.getByLabel('Language').selectOption('fi');
    await page.getByRole('heading', { name: 'Kirjaudu palvelupisteeseen' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    await page.reload();
    await page.getByRole('button', { name: 'Kirjaudu' }).waitFor(WAIT);
    await page.getByLabel('Kieli').selectOption('en');
    await page.getByRole('heading', { name: 'Sign in to the counter' }).waitFor(WAIT);
    await context.close();
  });

  it('the sign-in, counter choice, main and queue views have no axe violations', async () => {
    await issue(server, 'identity', ['hearing-loop', 'interpreter:ar']);
    await issue(server, 'residence', ['priority']);
    await issue(server, 'parking');
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/counter/`);
    await page.getByRole('heading', { name: 'Sign in to the counter' }).waitFor(WAIT);
    await expectAccessible(page);
    await signIn(page, server, 'city-staff');
    await page.getByRole('radio', { name: /^Counter 1\b/ }).check();
    await expectAccessible(page);
    await openCounter(page, '1');
    await page.getByTestId('queue-summary').filter({ hasText: '3 waiting' }).waitFor(WAIT);
    await expectAccessible(page);
    await page.keyboard.press('n');
    await page.getByTestId('current-number').waitFor(WAIT);
    await expectAccessible(page);
    await page.keyboard.press('t');
    await page.getByRole('dialog').waitFor(WAIT);
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor(WAIT);
    await expectAccessible(page);
    await context.close();
  });

  it('plain staff are refused the supervisor view, in the screen and by the API', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-staff');
    await page.goto(`${server.url}/counter/#/supervisor`);
    await page.getByTestId('not-allowed').filter({ hasText: 'You are not allowed to use the supervisor view' }).waitFor(WAIT);
    expect(await page.getByTestId('sup-counters').count()).toBe(0);
    const token = await server.login('county-staff');
    expect((await server.api('PUT', '/api/v1/announcement', { token, body: { text: 'hello' } })).status).toBe(403);
    expect((await server.api('PUT', '/api/v1/services/vehicles/stopped', { token, body: { stopped: true } })).status).toBe(403);
    expect((await server.api('PUT', '/api/v1/counters/4/profile', { token, body: { services: [{ serviceId: 'vehicles', weight: 1 }] } })).status).toBe(403);
    await context.close();
  });

  it('a supervisor sees every counter and service, reassigns a profile, stops a service and messages the displays', async () => {
    const staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/5/pause', { token: staff, body: { reason: 'x' } })).status).toBe(409);
    expect((await server.api('POST', '/api/v1/counters/5/open', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/5/pause', { token: staff, body: { reason: 'Training' } })).status).toBe(200);
    await issue(server, 'vehicles');
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-supervisor');
    await page.getByRole('link', { name: 'Supervisor view' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervisor view' }).waitFor(WAIT);
    await page.getByTestId('sup-counter-5').filter({ hasText: 'Training' }).filter({ hasText: 'Chloé (County)' }).waitFor(WAIT);
    await page.getByTestId('sup-service-vehicles').filter({ hasText: 'On target' }).waitFor(WAIT);
    await expectAccessible(page);

    expect(await page.getByRole('button', { name: 'Change work profile Counter 4' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Change work profile Counter 5' }).click();
    const dialog = page.getByRole('dialog', { name: 'Work profile of counter 5' });
    await dialog.getByRole('checkbox', { name: 'Immigration and residence permits' }).uncheck();
    await dialog.getByLabel('Weight').first().fill('3');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save work profile' }).click();
    await page.getByTestId('sup-counter-5').filter({ hasText: 'Vehicle registration (3)' }).waitFor(WAIT);
    expect(await page.getByTestId('sup-counter-5').textContent()).not.toContain('Immigration');

    await page.getByRole('button', { name: 'Stop for today Driving licences' }).click();
    await page.getByTestId('sup-service-licences').filter({ hasText: 'Stopped for today' }).waitFor(WAIT);
    const refused = await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'licences' } });
    expect(refused.status).toBe(409);

    await page.getByLabel('Message', { exact: true }).fill('Licences are closed for today.');
    await page.getByRole('button', { name: 'Send to displays' }).click();
    await page.getByTestId('sup-announcement-current').filter({ hasText: 'Licences are closed for today.' }).waitFor(WAIT);
    const hall = await server.api<{ announcement: string | null }>('GET', '/api/v1/hall');
    expect(hall.body.announcement).toBe('Licences are closed for today.');
    await context.close();
  });
});
