import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { openKiosk, serviceButton, showService, WAIT } from './kioskHelpers.js';

/** Every kiosk screen, in the normal and the large-text/high-contrast mode, passes axe's WCAG 2.2 AA rules. */
describe('kiosk accessibility', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function audit(page: Page, what: string): Promise<void> {
    const v = await axeViolations(page);
    expect(v, `${what}:\n${describeViolations(v)}`).toEqual([]);
  }

  async function setLarge(page: Page, on: boolean): Promise<void> {
    const button = page.getByRole('button', { name: 'Large text' });
    if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('mode-large')), WAIT).toBe(on);
  }

  for (const large of [false, true]) {
    const mode = large ? 'large text and high contrast' : 'normal mode';

    it(`start, needs and confirmation screens have no violations in ${mode}`, async () => {
      const page = await openKiosk(browser, server);
      await setLarge(page, large);
      await audit(page, `start screen, ${mode}`);
      // The mode is one tap away and stays on through the visit. Large text may page the services.
      await showService(page, 'licences');
      await audit(page, `start screen, page of licences, ${mode}`);
      await serviceButton(page, 'licences').click();
      await page.locator('main[data-screen="needs"]').waitFor(WAIT);
      await page.getByLabel('Hearing loop').check();
      await page.keyboard.press('Tab');
      await audit(page, `needs screen, ${mode}`);
      await page.locator('button.primary').click();
      await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
      await audit(page, `confirmation screen, ${mode}`);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe('H1');
      await page.close();
    });
  }

  it('every screen names itself in the title and puts focus on its heading', async () => {
    const page = await openKiosk(browser, server);
    const titles: string[] = [];
    titles.push(await page.title());
    await serviceButton(page, 'parking').click();
    await page.locator('main[data-screen="needs"]').waitFor(WAIT);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe('H1');
    titles.push(await page.title());
    await page.locator('button.primary').click();
    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe('H1');
    titles.push(await page.title());
    expect(titles[0]).toContain('Choose a service');
    expect(titles[1]).toContain('Do you need anything?');
    expect(titles[2]).toMatch(/Your number C\d{3}/);
    await page.close();
  });

  it('touch targets are at least 44 by 44 pixels', async () => {
    const page = await openKiosk(browser, server);
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button'))
        .map((b) => ({ text: b.textContent ?? '', r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 44 || r.height < 44)
        .map(({ text }) => text),
    );
    expect(small).toEqual([]);
    await page.close();
  });

  it("the visitor's status page has no violations", async () => {
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', language: 'de' } });
    const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(server.url + issued.body.ticket.statusPath);
    await page.locator('h1 .number').waitFor(WAIT);
    await audit(page, 'status page');
    await page.getByRole('button', { name: 'Ich gehe' }).click();
    await audit(page, 'status page, leave question');
    await page.goto(`${server.url}/t/no-such-token`);
    await page.locator('h1').waitFor(WAIT);
    await audit(page, 'status page, unknown ticket');
    await page.close();
  });
});
