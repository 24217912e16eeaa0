import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { newPage, withServerAndBrowser } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { arrowTo, openKiosk, press, WAIT } from './kioskHelpers.js';

type Spoken = Record<string, string>;

/** Records what the kiosk asks the speech engine to say: GET /api/v1/speech?key=…&number=… */
function recordSpeech(page: Page): Spoken[] {
  const spoken: Spoken[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/speech') spoken.push(Object.fromEntries(url.searchParams));
  });
  return spoken;
}

const keys = (spoken: readonly Spoken[]) => spoken.map((s) => s.key);

describe('speech mode (the talking kiosk)', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('starts with the star key, reads each screen and option, and speaks the ticket number at the end, again on request', async () => {
    const page = await openKiosk(browser, server);
    const spoken = recordSpeech(page);
    // Every text the kiosk asks for is one the speech route accepts (a refusal would silently fall back to the browser).
    const refused: string[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/speech' && r.status() !== 200 && r.status() !== 503) refused.push(`${r.status()} ${r.url()}`);
    });
    expect(spoken).toEqual([]);

    await press(page, '*');
    await expect.poll(() => keys(spoken), WAIT).toEqual(expect.arrayContaining(['speech.on', 'speech.startScreen']));
    expect(await page.getByRole('button', { name: 'Read aloud' }).getAttribute('aria-pressed')).toBe('true');

    // Each option is read as the arrow keys reach it: a language in its own language, then the services.
    await arrowTo(page, 'button[lang="fi"]');
    await expect.poll(() => spoken.some((s) => s.key === 'speech.languageOption' && s.lang === 'fi'), WAIT).toBe(true);
    await arrowTo(page, 'button[data-service="licences"]');
    await expect
      .poll(() => spoken.some((s) => s.key === 'speech.serviceOptionNoEstimate' && s.service === 'licences' && s.ahead === '0'), WAIT)
      .toBe(true);
    await press(page, 'Enter');

    await page.locator('main[data-screen="needs"]').waitFor(WAIT);
    await expect.poll(() => keys(spoken), WAIT).toContain('speech.needsScreen');
    await arrowTo(page, '#need-low-desk');
    await expect.poll(() => keys(spoken), WAIT).toContain('needs.lowDesk');
    await press(page, 'Enter');
    await expect.poll(() => keys(spoken), WAIT).toContain('speech.selected');
    await arrowTo(page, 'button.primary');
    await expect.poll(() => keys(spoken), WAIT).toContain('needs.continue');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST', WAIT),
      press(page, 'Enter'),
    ]);
    const { ticket } = (await response.json()) as IssueTicketResponse;
    expect(ticket.needs).toEqual(['low-desk']);

    await page.locator('main[data-screen="confirm"]').waitFor(WAIT);
    const final = () => spoken.filter((s) => s.key === 'speech.confirmScreenNoEstimate' || s.key === 'speech.confirmScreen');
    await expect.poll(() => final().length, WAIT).toBeGreaterThanOrEqual(1);
    expect(final()[0]).toMatchObject({ number: ticket.number, service: 'licences', ahead: String(ticket.position), lang: 'en' });
    expect(keys(spoken)).toContain('speech.prepare');

    // The star key repeats the number.
    const before = final().length;
    await press(page, '*');
    await expect.poll(() => final().length, WAIT).toBeGreaterThan(before);

    // Escape stops the voice, a second Escape turns speech off.
    await press(page, 'Escape', 'Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Read aloud' }).getAttribute('aria-pressed'), WAIT).toBe('false');
    expect(refused).toEqual([]);
    await page.close();
  });

  it('starts with a long press anywhere on the screen, without choosing what was under the finger', async () => {
    const page = await openKiosk(browser, server);
    const spoken = recordSpeech(page);
    const box = await page.locator('button[data-service="identity"]').boundingBox();
    if (!box) throw new Error('no identity button');
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await expect.poll(() => keys(spoken), WAIT).toContain('speech.on');
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await page.locator('main').getAttribute('data-screen')).toBe('start');
    await page.close();
  });

  it('speaks in the language the visitor chose', async () => {
    const page = await openKiosk(browser, server);
    const spoken = recordSpeech(page);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await press(page, 'F1');
    await expect.poll(() => spoken.find((s) => s.key === 'speech.startScreen')?.lang, WAIT).toBe('de');
    await page.close();
  });

  it("falls back to the browser's speech synthesis, with the same catalog texts, when the server cannot speak", async () => {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1024 } });
    await page.addInitScript(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        said.push(`${u.lang}: ${u.text}`);
        setTimeout(() => u.onend?.call(u, new Event('end') as unknown as SpeechSynthesisEvent), 10);
      };
    });
    await page.route('**/api/v1/speech?**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'speech_unavailable', message: 'espeak-ng is not installed' } }),
      }),
    );
    await page.goto(`${server.url}/kiosk/?id=entrance`);
    await page.locator('main[data-screen="start"] h1').waitFor(WAIT);
    await press(page, '*');
    const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said.join('\n'));
    await expect.poll(said, WAIT).toContain('en: Welcome to Service Centre Riverside. Choose a service');
    await arrowTo(page, 'button[data-service="parking"]');
    await expect.poll(said, WAIT).toContain('en: Parking permits. 0 waiting.');
    await page.close();
  });
});
