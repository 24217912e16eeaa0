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
    // Past 100 operations the viewer renders only what is on screen: scroll through and collect every path shown.
    await page.locator('.opblock-summary-path').first().waitFor({ timeout: 20_000 });
    const seen = new Set<string>();
    for (let y = 0, height = 1; y <= height; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50);
      for (const p of await page.locator('.opblock-summary-path').allTextContents()) seen.add(p.replace(/\u200b/g, ''));
      height = await page.evaluate(() => document.documentElement.scrollHeight);
    }
    expect(seen.size).toBeGreaterThan(50);
    expect(seen).toContain('/tickets');
    expect(seen).toContain('/admin/api-keys');
    expect(outside).toEqual([]);
    await context.close();
  });
});
