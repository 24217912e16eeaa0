import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.js';
import { newPage, withServerAndBrowser } from '../support/browser.js';

describe('the API reference at /api/docs', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('shows every group of routes from the packaged viewer, asking nothing from the internet', async () => {
    const { context, page } = await newPage(browser);
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith('http') && u.host !== new URL(server.url).host) outside.push(r.url());
    });
    await page.goto(`${server.url}/api/docs/`);
    await page.getByText('Vuoro API', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.locator('.opblock-summary-path', { hasText: '/tickets' }).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    expect(await page.getByText('/admin/api-keys').count()).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    await context.close();
  });
});
