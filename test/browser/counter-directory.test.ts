import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchBrowser, newPage } from '../support/browser.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/server.js';
import { ADMIN_DN, ADMIN_PASSWORD as DIRECTORY_ADMIN_PASSWORD, BASE_DN, startSlapd, type Slapd } from '../support/slapd.js';
import { WAIT, signIn } from './counterSteps.js';

describe('counter sign-in with directory accounts', () => {
  let slapd: Slapd;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    slapd = await startSlapd();
    server = await startServer({
      directory: {
        urls: [slapd.url],
        bindDn: ADMIN_DN,
        bindPassword: DIRECTORY_ADMIN_PASSWORD,
        searchBase: `ou=people,${BASE_DN}`,
        groups: { source: 'search', searchBase: `ou=groups,${BASE_DN}` },
        timeoutMs: 2000,
        mappings: [{ group: `cn=city-counter-staff,ou=groups,${BASE_DN}`, role: 'staff', organisationId: 'city' }],
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await slapd?.dispose();
  });

  const tryIn = async (page: Page, username: string, password: string): Promise<void> => {
    await page.goto(`${server.url}/counter/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('a directory user signs in with their usual account and reaches the counter chooser', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'anna', 'anna-directory-pw');
    await page.getByRole('heading', { name: 'Choose your counter' }).waitFor(WAIT);
    await context.close();
  });

  it('an unmapped user is told to ask for a group; the message is accessible', async () => {
    const { context, page } = await newPage(browser);
    await tryIn(page, 'carl', 'carl-directory-pw');
    await page.getByText('Your account is not in a directory group that gives access to Vuoro.', { exact: false }).first().waitFor(WAIT);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await context.close();
  });

  it('with the directory down the screen says so, and the local admin still signs in', async () => {
    await slapd.stop();
    try {
      const { context, page } = await newPage(browser);
      await tryIn(page, 'anna', 'anna-directory-pw');
      await page.getByText('The staff directory cannot be reached', { exact: false }).first().waitFor(WAIT);
      expect(describeViolations(await axeViolations(page))).toBe('');
      await signIn(page, server, 'admin', ADMIN_PASSWORD);
      await context.close();
    } finally {
      await slapd.start();
    }
  });
});
