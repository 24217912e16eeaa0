import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HallConfigInput } from '../../server/src/protocol/index.js';
import { axeViolations, describeViolations, newPage, withServerAndBrowser } from '../support/browser.js';
import { demoHall, type TestServer } from '../support/server.js';
import { KIOSK_LANGUAGES as LANGS, WAIT, longestLanguage, noScroll } from './kioskHelpers.js';
import { clipped, outsideViewport as outside } from './fitHelpers.js';

/**
 * The kiosk fits its panel without scrolling: 1080×1920 portrait and 1280×1024 landscape, normal and large text, in
 * the language with the longest texts, with twelve services (the demo hall's seven and five more with long names).
 */
const VIEWPORTS = [
  { width: 1080, height: 1920 },
  { width: 1280, height: 1024 },
] as const;

function twelveServices(): HallConfigInput {
  const hall = demoHall();
  const extra = [
    ['building', 'Building permits and planning advice', 'Baugenehmigungen und Bauberatung'],
    ['social', 'Social security and family benefits', 'Sozialversicherung und Familienleistungen'],
    ['tax', 'Property tax and municipal fees', 'Grundsteuer und Gemeindegebühren'],
    ['waste', 'Waste collection and recycling', 'Abfallentsorgung und Wertstoffsammlung'],
    ['elections', 'Elections and voter registration', 'Wahlen und Wählerverzeichnisanmeldung'],
  ] as const;
  extra.forEach(([id, en, de], i) => {
    hall.services.push({
      id,
      organisationId: 'city',
      prefix: String.fromCharCode('E'.charCodeAt(0) + i),
      name: { en, fi: en, sv: en, de, nl: en, fr: en },
      targetMinutes: 15,
      defaultServiceMinutes: 8,
    } as (typeof hall.services)[number]);
  });
  return hall;
}

describe('kiosk fits its screen', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser(
    (s, b) => {
      server = s;
      browser = b;
    },
    { hall: twelveServices() },
  );
  const lang = longestLanguage();

  // The fullest button: people waiting and a desk open, so each shows "Waiting", "Next visitor called in about …"
  // and "A new ticket waits about …".
  beforeAll(async () => {
    const admin = await server.login('admin');
    for (const s of twelveServices().services) {
      for (let i = 0; i < 2; i++) await server.api('POST', '/api/v1/tickets', { token: admin, body: { serviceId: s.id } });
    }
    expect((await server.api('POST', '/api/v1/counters/7/open', { token: admin })).status).toBe(200);
  });

  async function open(viewport: { width: number; height: number }, large: boolean): Promise<Page> {
    const { page } = await newPage(browser, { viewport });
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await page.locator('.service-next').first().waitFor(WAIT);
    await page.locator(`button.language[lang="${lang}"]`).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang, WAIT);
    if (large) {
      await page.locator('button.tool').first().click();
      await page.waitForFunction(() => document.documentElement.classList.contains('mode-large'), null, WAIT);
    }
    return page;
  }

  /** Every service, page by page, is inside the screen and unclipped; returns the ids seen. */
  async function servicesOnEveryPage(page: Page, what: string): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      await noScroll(page, `${what}, page ${i + 1}`);
      expect(await outside(page, 'button.service, .pager button'), `${what}: buttons outside the screen`).toEqual([]);
      expect(await clipped(page, 'button.service [data-fit-word]'), `${what}: service names cut`).toEqual([]);
      seen.push(...(await page.locator('button.service').evaluateAll((els) => els.map((e) => e.getAttribute('data-service') ?? ''))));
      const more = page.locator('.pager .page-button').last();
      const last = (await page.locator('.service-area').getAttribute('data-page')) === (await page.locator('.service-area').getAttribute('data-pages'));
      if (last) break;
      await more.click();
    }
    return seen;
  }

  for (const viewport of VIEWPORTS) {
    for (const large of [false, true]) {
      const what = `${viewport.width}×${viewport.height}, ${large ? 'large text' : 'normal'}, ${lang}`;

      it(`start, needs and confirmation screens fit without scrolling at ${what}`, { timeout: 120_000 }, async () => {
        const page = await open(viewport, large);
        const seen = await servicesOnEveryPage(page, `start screen ${what}`);
        expect(new Set(seen).size, `${what}: every service is on some page`).toBe(12);

        await page.locator('button.service:not(.unavailable)').first().click();
        await page.locator('main[data-screen="needs"]').waitFor(WAIT);
        await noScroll(page, `needs screen ${what}`);
        expect(await outside(page, 'main button, .choice label'), `needs screen ${what}`).toEqual([]);

        await page.locator('main button.primary').click();
        await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
        await noScroll(page, `confirmation ${what}`);
        expect(await outside(page, '.ticket-number, svg.qr, main button.primary'), `confirmation ${what}`).toEqual([]);
        await page.close();
      });
    }
  }

  it('every language fits both panels in large text (the tightest case)', { timeout: 120_000 }, async () => {
    for (const viewport of VIEWPORTS) {
      const page = await open(viewport, true);
      for (const l of LANGS) {
        await page.locator(`button.language[lang="${l}"]`).click();
        await page.waitForFunction((x) => document.documentElement.lang === x, l, WAIT);
        await noScroll(page, `${l} at ${viewport.width}×${viewport.height}`);
        expect(await outside(page, 'button.service, .pager button, button.language, button.tool'), `${l} at ${viewport.width}×${viewport.height}`).toEqual([]);
      }
      await page.close();
    }
  });

  it('on a portrait panel the services use the screen: type larger than the landscape minimum and no empty half', async () => {
    const page = await open({ width: 1080, height: 1920 }, false);
    const m = await page.evaluate(() => {
      const buttons = [...document.querySelectorAll('button.service')].map((b) => b.getBoundingClientRect());
      const name = document.querySelector('.service-name') as HTMLElement;
      return { bottom: Math.max(...buttons.map((r) => r.bottom)), nameSize: parseFloat(getComputedStyle(name).fontSize) };
    });
    expect(m.bottom, 'the last service ends in the lower fifth of the screen').toBeGreaterThan(1920 * 0.8);
    expect(m.nameSize).toBeGreaterThanOrEqual(24);
    await page.close();
  });

  it('large text shows yellow buttons with black text on black, as the README says', async () => {
    const page = await open({ width: 1080, height: 1920 }, true);
    const colours = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector('button.service:not(.unavailable)') as Element);
      return { bg: s.backgroundColor, fg: s.color, page: getComputedStyle(document.body).backgroundColor };
    });
    expect(colours).toEqual({ bg: 'rgb(255, 221, 0)', fg: 'rgb(0, 0, 0)', page: 'rgb(0, 0, 0)' });
    await page.close();
  });

  it('a stopped service looks unavailable in words and colour, not only by its border, and axe stays clean', async () => {
    const token = await server.login('city-supervisor');
    expect((await server.api('PUT', '/api/v1/services/parking/stopped', { token, body: { stopped: true } })).status).toBe(200);
    try {
      for (const large of [false, true]) {
        const page = await open({ width: 1280, height: 1024 }, large);
        // Page to the stopped service when it is not on the first page.
        for (let i = 0; i < 12 && (await page.locator('button[data-service="parking"]').count()) === 0; i += 1) {
          await page.locator('.pager .page-button').last().click();
        }
        const stopped = page.locator('button[data-service="parking"]');
        await expect.poll(() => stopped.getAttribute('aria-disabled'), WAIT).toBe('true');
        const look = await page.evaluate(() => {
          const style = (sel: string) => getComputedStyle(document.querySelector(sel) as Element);
          const off = style('button[data-service="parking"]');
          const on = style('button.service:not(.unavailable)');
          const badge = document.querySelector('button[data-service="parking"] .service-state') as HTMLElement;
          return { offBg: off.backgroundColor, onBg: on.backgroundColor, badge: badge.innerText, badgeBg: getComputedStyle(badge).backgroundColor };
        });
        expect(look.offBg, 'a different background from the services one can choose').not.toBe(look.onBg);
        expect(look.badge.trim().length).toBeGreaterThan(3);
        expect(look.badgeBg, 'the state is an inverted badge').not.toBe('rgba(0, 0, 0, 0)');
        const v = await axeViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
        await page.close();
      }
    } finally {
      await server.api('PUT', '/api/v1/services/parking/stopped', { token, body: { stopped: false } });
    }
  });
});
