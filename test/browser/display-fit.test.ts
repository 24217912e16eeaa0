import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../support/server.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT } from './counterSteps.js';
import { clipped, outsideViewport, pageScroll } from './fitHelpers.js';

/** Elements of `selector` that stick out of their nearest `container` (cut by its overflow: hidden). */
async function cutBy(page: Page, selector: string, container: string): Promise<string[]> {
  return page.evaluate(
    ([sel, cont]) =>
      [...document.querySelectorAll(sel)]
        .filter((el) => {
          const c = el.closest(cont)?.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return !c || r.bottom > c.bottom + 0.5 || r.right > c.right + 0.5 || r.top < c.top - 0.5;
        })
        .map((el) => (el.textContent ?? '').trim()),
    [selector, container] as const,
  );
}

describe('the waiting-room boards fit their screens and are readable from 3 m', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  beforeAll(async () => {
    const city = await server.login('city-staff');
    const county = await server.login('county-staff');
    const desks = [
      ['1', city],
      ['2', city],
      ['3', city],
      ['4', county],
      ['5', county],
      ['6', county],
    ] as const;
    const services = ['identity', 'residence', 'parking', 'lost-found', 'vehicles', 'licences', 'immigration'];
    for (let i = 0; i < 28; i += 1) await server.api('POST', '/api/v1/tickets', { body: { serviceId: services[i % services.length] } });
    for (const [id, token] of desks) expect((await server.api('POST', `/api/v1/counters/${id}/open`, { token })).status).toBe(200);
    // Ten calls: two "now calling", six previous numbers and more; recalls in the history and on the newest call.
    for (let round = 0; round < 2; round += 1) {
      for (const [id, token] of desks) {
        if (round === 1 && id === '6') break;
        expect((await server.api('POST', `/api/v1/counters/${id}/next`, { token })).status).toBe(200);
        if (id === '2' && round === 0) await server.api('POST', `/api/v1/counters/${id}/recall`, { token });
        if (round === 0) {
          await server.api('POST', `/api/v1/counters/${id}/start`, { token });
          await server.api('POST', `/api/v1/counters/${id}/finish`, { token });
        }
      }
    }
    // A recall that is then followed by two calls sits in the history; the newest call is a recall too.
    await server.api('POST', '/api/v1/counters/5/recall', { token: county });
    for (const id of ['1', '3']) {
      await server.api('POST', `/api/v1/counters/${id}/start`, { token: city });
      await server.api('POST', `/api/v1/counters/${id}/finish`, { token: city });
      expect((await server.api('POST', `/api/v1/counters/${id}/next`, { token: city })).status).toBe(200);
    }
    await server.api('POST', '/api/v1/counters/2/recall', { token: city });
  });

  async function board(id: string, viewport: { width: number; height: number }): Promise<Page> {
    const { page } = await newPage(browser, { viewport });
    await page.goto(`${server.url}/display/?id=${id}`);
    await page.getByTestId('current-call').first().waitFor(WAIT);
    return page;
  }

  it('1920×1080 hall board: every configured previous number shows, recall badges in one piece, nothing scrolls', async () => {
    const page = await board('hall', { width: 1920, height: 1080 });
    const scroll = await pageScroll(page);
    expect(scroll.height).toBeLessThanOrEqual(scroll.viewportHeight);
    await expect.poll(() => page.locator('.history__item').count(), WAIT).toBe(6);
    expect(await cutBy(page, '.history__item', '.history'), 'previous numbers cut by the message bar').toEqual([]);
    expect(await outsideViewport(page, '.history__item, [data-testid="current-call"], .waits tr, .board__footer')).toEqual([]);
    expect(await clipped(page, '.history__item'), 'a previous number cut on the right').toEqual([]);
    const badges = await page.evaluate(() =>
      [...document.querySelectorAll('.history__recall, [data-testid="recall-badge"]')].map((b) => ({ lines: b.getClientRects().length, height: b.getBoundingClientRect().height, font: parseFloat(getComputedStyle(b).fontSize) })),
    );
    expect(badges.length).toBeGreaterThanOrEqual(2);
    for (const b of badges) {
      expect(b.lines).toBe(1);
      expect(b.height, 'the recall badge does not wrap').toBeLessThan(b.font * 2);
    }
    expect(await cutBy(page, '.waits tbody tr', '.waits'), 'waiting times cut').toEqual([]);
    const v = await axeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await page.close();
  });

  for (const id of ['city', 'county']) {
    it(`1080×1920 portrait ${id} board uses the screen with text readable from 3 m`, async () => {
      const page = await board(id, { width: 1080, height: 1920 });
      const scroll = await pageScroll(page);
      expect(scroll.height).toBeLessThanOrEqual(scroll.viewportHeight);
      const m = await page.evaluate(() => {
        const size = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel) as Element).fontSize);
        const rows = [...document.querySelectorAll('.waits tbody tr')].map((r) => r.getBoundingClientRect());
        return {
          waits: size('.waits tbody th'),
          number: size('.call--featured .call__value'),
          history: document.querySelector('.history__item') ? size('.history__item') : null,
          lastRow: Math.max(...rows.map((r) => r.bottom)),
        };
      });
      // 2.8 % of the short side (30 px) is the base; waiting times get more where the column has room.
      expect(m.waits, 'waiting-times text').toBeGreaterThanOrEqual(30);
      expect(m.number, 'the number being called').toBeGreaterThanOrEqual(150);
      if (m.history !== null) expect(m.history).toBeGreaterThanOrEqual(40);
      expect(m.lastRow, 'the waiting times reach down the screen').toBeGreaterThan(1920 * 0.55);
      expect(await cutBy(page, '.waits tbody tr', '.waits')).toEqual([]);
      expect(await cutBy(page, '.history__item', '.history')).toEqual([]);
      expect(await outsideViewport(page, '.board__footer, [data-testid="current-call"]')).toEqual([]);
      const v = await axeViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      await page.close();
    });
  }

  it('says what the estimate means: the column is what a new ticket waits, and "desks busy" when nobody waits', async () => {
    const page = await board('hall', { width: 1920, height: 1080 });
    expect(await page.locator('.waits thead').textContent()).toContain('A new ticket waits');
    const rows = await page.locator('.waits tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ waiting: tr.querySelector('[data-testid^="waiting-"]')?.textContent ?? '', estimate: tr.querySelector('[data-testid^="estimate-"]')?.textContent ?? '' })),
    );
    expect(rows.length).toBe(7);
    for (const r of rows) {
      if (r.waiting === '0' && /about \d+/.test(r.estimate)) expect(r.estimate).toContain('desks busy');
      if (r.waiting !== '0') expect(r.estimate).not.toContain('desks busy');
    }
    await page.close();
  });
});
