import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.js';
import { newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, currentNumber, framesPass, issue, liveRegionContains, openCounter, signIn, ticket, watchFocusDrops } from './counterSteps.js';

describe('counter client: roaming tablet and reconnecting', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('on a portrait touch tablet, staff look a ticket up, note it, move it and serve it on the spot', async () => {
    const t = await issue(server, 'identity');
    const token = await server.login('city-supervisor');
    const { context, page } = await newPage(browser, { viewport: { width: 800, height: 1280 }, hasTouch: true, isMobile: true });
    await signIn(page, server, 'city-staff');
    await openCounter(page, '7');
    await page.getByRole('heading', { level: 1, name: 'Counter 7 – roaming' }).waitFor(WAIT);

    await page.getByLabel('Ticket number, for example A012').fill(t.number.toLowerCase());
    await page.getByRole('button', { name: 'Find' }).tap();
    const result = page.getByTestId('lookup-result');
    await result.filter({ hasText: `${t.number} – waiting` }).waitFor(WAIT);
    const box = await result.getByRole('button', { name: 'Save note' }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

    await result.getByLabel('Note').fill('Wants to renew both passports');
    await result.getByRole('button', { name: 'Save note' }).tap();
    await liveRegionContains(page, `Note saved for ${t.number}`);
    expect((await ticket(server, token, t.id)).note).toBe('Wants to renew both passports');

    await result.getByLabel('Move to service').selectOption('residence');
    // By keyboard: once moved, the visitor is in the chosen service and the button has nothing more to do. It keeps
    // focus (unavailable, not disabled, which would drop focus to the page body) and, pressed again, says why.
    const change = result.getByRole('button', { name: 'Change service' });
    await change.focus();
    const drops = await watchFocusDrops(page);
    await page.keyboard.press('Enter');
    await liveRegionContains(page, `${t.number} moved to Residence registration`);
    await framesPass(page);
    expect(await change.getAttribute('aria-disabled')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Change service');
    await page.keyboard.press('Enter');
    await liveRegionContains(page, `${t.number} is already in Residence registration.`);
    expect(await drops()).toEqual([]);
    expect((await ticket(server, token, t.id)).serviceId).toBe('residence');

    await result.getByRole('button', { name: `Serve ${t.number} here at counter 7` }).tap();
    expect(await currentNumber(page)).toBe(t.number);
    await page.getByRole('button', { name: /^Start/ }).tap();
    await liveRegionContains(page, `${t.number} being served`);
    await page.getByRole('button', { name: /^Finish/ }).tap();
    await page.getByRole('radio', { name: 'Follow-up needed' }).check();
    await page.getByRole('button', { name: 'Finish visit' }).tap();
    await liveRegionContains(page, `${t.number} finished: Follow-up needed`);
    expect(await ticket(server, token, t.id)).toMatchObject({ state: 'done', outcome: 'follow-up', counterId: '7' });
    await context.close();
  });

  it('after the server restarts, the counter reconnects and re-syncs by itself', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'county-staff');
    await openCounter(page, '6');
    // Remember whether the warning was ever shown: the reconnect may be quicker than a poll.
    await page.evaluate(() => {
      const w = window as unknown as { sawLost: boolean };
      w.sawLost = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes('The connection to the server was lost')) w.sawLost = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    server = await server.restart();
    await page.waitForFunction(() => (window as unknown as { sawLost: boolean }).sawLost, undefined, WAIT);
    const t = await issue(server, 'licences', ['low-desk']);
    await page.getByTestId(`queue-row-${t.number}`).waitFor({ timeout: 30_000 });
    await page.getByRole('alert').filter({ hasText: 'The connection to the server was lost' }).waitFor({ state: 'detached', ...WAIT });
    await page.keyboard.press('n');
    await liveRegionContains(page, `${t.number} called, waited 0 minutes, needs low desk`);
    await context.close();
  });
});
