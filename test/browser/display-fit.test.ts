import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoHall, startServer, type TestServer } from '../support/server.js';
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

  it('says what each estimate means: when the next waiting visitor is called, what a new ticket waits, and "desks busy"', async () => {
    const page = await board('hall', { width: 1920, height: 1080 });
    const heads = await page.locator('.waits thead th').allTextContents();
    expect(heads).toEqual(['Service', 'Waiting', 'Next visitor called in', 'A new ticket waits']);
    const read = () =>
      page.locator('.waits tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          service: tr.getAttribute('data-service') ?? '',
          waiting: tr.querySelector('[data-testid^="waiting-"]')?.textContent ?? '',
          next: tr.querySelector('[data-testid^="next-call-"]')?.textContent ?? '',
          estimate: tr.querySelector('[data-testid^="estimate-"]')?.textContent ?? '',
        })),
      );
    // The same figure as the API (the kiosk shows it too), in words when it is none or zero. The board got its figure
    // when the queue last changed; the API computes it now, so a minute may have turned in between (±1).
    const minutesOf = (text: string) => (text === 'any moment' ? 0 : Number(/^about (\d+)\u00a0min$/.exec(text)?.[1] ?? NaN));
    const agrees = (text: string, s: { nextCallMinutes: number | null; waiting: number } | undefined) => {
      if (s === undefined || s.waiting === 0) return text === 'nobody waiting';
      if (s.nextCallMinutes === null) return text === 'not known yet';
      return Math.abs(minutesOf(text) - s.nextCallMinutes) <= 1;
    };
    const api = (await server.api<{ id: string; nextCallMinutes: number | null; waiting: number }[]>('GET', '/api/v1/services')).body;
    for (const r of await read()) expect([r.service, r.next, agrees(r.next, api.find((x) => x.id === r.service))]).toEqual([r.service, r.next, true]);
    const rows = await read();
    expect(rows.length).toBe(7);
    for (const r of rows) {
      if (r.waiting === '0' && /about \d+/.test(r.estimate)) expect(r.estimate).toContain('desks busy');
      if (r.waiting !== '0') expect(r.estimate).not.toContain('desks busy');
    }
    expect(rows.some((r) => /about \d+\s+min|any moment/.test(r.next))).toBe(true);
    expect(await clipped(page, '.waits th, .waits td')).toEqual([]);
    await page.screenshot({ path: '/tmp/privacy-display-hall.png' });
    await page.close();
  });

  it('the four waiting-time columns fit in the language with the longest texts (Dutch), landscape and portrait', async () => {
    const hall = demoHall();
    const nl = await startServer({ hall: { ...hall, hall: { ...hall.hall, defaultLanguage: 'nl' } } });
    try {
      const city = await nl.login('city-staff');
      const county = await nl.login('county-staff');
      for (const serviceId of ['identity', 'identity', 'residence', 'parking', 'vehicles', 'licences', 'licences', 'vehicles']) {
        await nl.api('POST', '/api/v1/tickets', { body: { serviceId } });
      }
      expect((await nl.api('POST', '/api/v1/counters/1/open', { token: city })).status).toBe(200);
      expect((await nl.api('POST', '/api/v1/counters/4/open', { token: county })).status).toBe(200);
      for (const [id, viewport] of [['hall', { width: 1920, height: 1080 }], ['city', { width: 1080, height: 1920 }]] as const) {
        const { page } = await newPage(browser, { viewport });
        await page.goto(`${nl.url}/display/?id=${id}`);
        await page.locator('.waits tbody tr').first().waitFor(WAIT);
        await page.locator('[data-testid^="next-call-"]').filter({ hasText: /ongeveer \d+\s+min|zo meteen/ }).first().waitFor(WAIT);
        await page.screenshot({ path: `/tmp/privacy-display-nl-${id}.png` });
        expect(await page.locator('.waits thead th').allTextContents()).toContain('Volgende opgeroepen over');
        expect(await cutBy(page, '.waits tbody tr', '.waits'), `waiting times cut on ${id}`).toEqual([]);
        expect(await clipped(page, '.waits th, .waits td')).toEqual([]);
        expect(await outsideViewport(page, '.waits tr')).toEqual([]);
        await page.close();
      }
    } finally {
      await nl.dispose();
    }
  });
});
