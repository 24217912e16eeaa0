import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { EventView, ReviewQueueView } from '../../server/src/protocol/index.js';
import type { TestServer } from '../support/server.js';
import { expectAccessible, newPage, withServerAndBrowser } from '../support/browser.js';
import { WAIT, currentNumber, framesPass, holdRequests, issue, liveRegionContains, openCounter, signIn, watchFocusDrops } from './counterSteps.js';

async function panelAnnounces(page: Page, text: string | RegExp): Promise<void> {
  const source = typeof text === 'string' ? `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : text.source;
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="kb-live"]')?.textContent ?? ''), source, WAIT);
}

/** Signs `username` in at 1366×768, opens counter `counter` and calls the next visitor, who must be `number`. */
async function callAt(browser: Browser, server: TestServer, username: string, counter: string, number: string): ReturnType<typeof newPage> {
  const opened = await newPage(browser, { viewport: { width: 1366, height: 768 } });
  await signIn(opened.page, server, username);
  await openCounter(opened.page, counter);
  await opened.page.keyboard.press('n');
  expect(await currentNumber(opened.page)).toBe(number);
  return opened;
}

/** Waits until focus is on an element (never the page body, whose text holds every item) that passes `test`. */
async function focusedIs(page: Page, test: (el: { id: string; tag: string; text: string }) => boolean, what: string): Promise<void> {
  await page
    .waitForFunction(
      (src) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return false;
        const f = new Function('el', `return (${src})(el)`) as (x: { id: string; tag: string; text: string }) => boolean;
        return f({ id: el.id, tag: el.tagName, text: el.textContent ?? '' });
      },
      test.toString(),
      WAIT,
    )
    .catch(async () => {
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        const where = !el || el === document.body ? 'nothing (the page body)' : `${el.tagName}#${el.id} "${(el.textContent ?? '').slice(0, 60)}"`;
        return `${where}; article shown: ${document.getElementById('kb-article-title') !== null}; panel: ${document.querySelector('[data-testid="knowledge-panel"]') !== null}`;
      }).catch((e: unknown) => String(e));
      throw new Error(`focus never reached ${what}; focused: ${at}`);
    });
}

/** Opens the knowledge panel with its shortcut, searches `query` (one article found) and opens it by keyboard. */
async function openOnlyArticle(page: Page, query: string): Promise<void> {
  await page.keyboard.press('i');
  await focusedIs(page, (el) => el.id === 'kb-search', 'the search field');
  await page.keyboard.type(query);
  await panelAnnounces(page, '1 article found');
  await page.keyboard.press('Tab');
  await focusedIs(page, (el) => el.id.startsWith('kb-item-'), 'the result');
  await page.keyboard.press('Enter');
  await focusedIs(page, (el) => el.id === 'kb-article-title', 'the article heading');
}

/** Starts recording each text the status line takes from now on; the function returns what was recorded. */
async function recordLiveRegion(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="live-region"]');
    const texts: string[] = [];
    (window as unknown as { vuoroSaid?: string[] }).vuoroSaid = texts;
    if (region) new MutationObserver(() => texts.push(region.textContent ?? '')).observe(region, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { vuoroSaid?: string[] }).vuoroSaid ?? []);
}

/** The focused element's id; 'the page body' when focus is on nothing. */
function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? 'the page body' : el.id;
  });
}

describe('counter: the knowledge panel, by keyboard alone, with a screen reader in mind', () => {
  let server: TestServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('I opens the panel with the ticket service first; search announces the count; A finishes resolved with the article', async () => {
    const t = await issue(server, 'licences');
    const { context, page } = await callAt(browser, server, 'county-staff', '4', t.number);
    await page.keyboard.press('s');
    await liveRegionContains(page, `${t.number} being served`);

    const pageHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
    const heightBefore = await pageHeight();
    await page.keyboard.press('i');
    const panel = page.getByRole('complementary', { name: 'Knowledge' });
    await panel.waitFor(WAIT);
    await focusedIs(page, (el) => el.id === 'kb-search', 'the search field');
    await panel.getByRole('heading', { name: 'Articles for Driving licences' }).waitFor(WAIT);
    await panel.getByRole('button', { name: /Driving licence: renewal and replacement/ }).waitFor(WAIT);
    await expectAccessible(page, 'panel open, service articles');

    // The current ticket and its actions stay on screen at 1366 × 768 with the panel open.
    for (const id of ['current-title', 'action-finish']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box && box.y + box.height <= 768, `${id} visible without scrolling`).toBe(true);
    }

    await page.keyboard.type('fuhrerschein');
    await panelAnnounces(page, '1 article found');
    await expect(page.getByTestId('kb-count').textContent()).resolves.toBe('1 article found');
    await expectAccessible(page, 'search results');

    await page.keyboard.press('Tab');
    await focusedIs(page, (el) => el.id.startsWith('kb-item-') && el.text.includes('Driving licence: renewal'), 'the result');
    await page.keyboard.press('Enter');
    await focusedIs(page, (el) => el.id === 'kb-article-title', 'the article heading');
    await panel.getByRole('heading', { name: 'Short answer' }).waitFor(WAIT);
    await panel.getByText('Renew with a photo and the old licence').waitFor(WAIT);
    await expect(panel.locator('.kb__body h4').first().textContent()).resolves.toBe('Foreign licences');
    await expectAccessible(page, 'article open');
    // A long article scrolls inside the panel: the page does not grow and nothing moves out of sight.
    expect(await pageHeight()).toBeLessThanOrEqual(Math.max(heightBefore, 768));
    for (const id of ['current-title', 'action-finish']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 768, `${id} still visible with the article open`).toBe(true);
    }

    // Escape goes back to the list, onto the article it came from; Enter opens it again. Focus moves with the view
    // itself: at no moment is it on nothing, where a key pressed would be lost.
    const drops = await watchFocusDrops(page);
    await page.keyboard.press('Escape');
    await focusedIs(page, (el) => el.id.startsWith('kb-item-') && el.text.includes('Driving licence: renewal'), 'the result again');
    await page.keyboard.press('Enter');
    await focusedIs(page, (el) => el.id === 'kb-article-title', 'the article heading again');
    expect(await drops()).toEqual([]);

    await page.keyboard.press('a');
    await liveRegionContains(page, `${t.number} finished, resolved with “Driving licence: renewal and replacement”`);
    const supervisor = await server.login('county-supervisor');
    const events = await server.api<EventView[]>('GET', `/api/v1/tickets/${t.id}/events`, { token: supervisor });
    const finished = events.body.find((e) => e.type === 'ticket_finished');
    expect(finished?.data).toMatchObject({ outcome: 'resolved', articleId: expect.any(Number) });
    await context.close();
  });

  it('a search with no result says so politely; a correction is proposed in two steps; Escape closes the panel', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-staff');
    await openCounter(page, '1');
    await page.keyboard.press('i');
    await focusedIs(page, (el) => el.id === 'kb-search', 'the search field');
    await page.keyboard.type('zzqx');
    await panelAnnounces(page, 'No article found for “zzqx”.');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('passport');
    await panelAnnounces(page, /^\d+ articles found$/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await focusedIs(page, (el) => el.id === 'kb-article-title', 'the article heading');

    // Step one: the button; step two: the prefilled form.
    await page.getByRole('button', { name: 'Propose a correction' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Propose a change to/ });
    await dialog.waitFor(WAIT);
    await expect(dialog.getByLabel('Title').inputValue()).resolves.toBe('Passport: apply or renew');
    await expectAccessible(page, 'propose dialog');
    await dialog.getByLabel('Short answer').fill('Apply in person with a recent photo. Ready in about 7 working days.');
    await dialog.getByLabel('Why the change? (for the reviewer)').fill('Faster since March');
    await dialog.getByRole('button', { name: 'Send for review' }).focus();
    await page.keyboard.press('Enter');
    await liveRegionContains(page, 'Thank you: your proposal was sent for review.');
    const queue = await server.api<ReviewQueueView>('GET', '/api/v1/knowledge/review', { token: await server.login('city-supervisor') });
    expect(queue.body.proposals.map((p) => [p.content.summary.en, p.comment])).toContainEqual([
      'Apply in person with a recent photo. Ready in about 7 working days.',
      'Faster since March',
    ]);

    await focusedIs(page, (el) => el.tag === 'BUTTON' && el.text.includes('Propose a correction'), 'the propose button, after the dialog');
    const drops = await watchFocusDrops(page);
    await page.keyboard.press('Escape');
    await focusedIs(page, (el) => el.id.startsWith('kb-item-'), 'the list, after Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('complementary', { name: 'Knowledge' }).waitFor({ state: 'detached', ...WAIT });
    await focusedIs(page, (el) => el.id === 'kb-toggle', 'the knowledge button');
    expect(await drops()).toEqual([]);
    await context.close();
  });

  it('the visitor finished from another screen while staff read an article: focus goes to its heading, never to nothing', async () => {
    const t = await issue(server, 'licences');
    const { context, page } = await callAt(browser, server, 'county-staff', '5', t.number);
    await page.keyboard.press('s');
    await liveRegionContains(page, `${t.number} being served`);
    await openOnlyArticle(page, 'fuhrerschein');
    const resolve = page.getByRole('button', { name: `Finish ${t.number}: resolved with this article` });
    await resolve.focus();
    await focusedIs(page, (el) => el.tag === 'BUTTON' && el.text.includes('resolved with this article'), 'the resolve button');

    const drops = await watchFocusDrops(page);
    const elsewhere = await server.login('county-staff');
    const r = await server.api('POST', '/api/v1/counters/5/finish', { token: elsewhere, body: { outcome: 'resolved' } });
    expect(r.status).toBe(200);
    await resolve.waitFor({ state: 'detached', ...WAIT });
    await focusedIs(page, (el) => el.id === 'kb-article-title', 'the article heading, after the update');
    expect(await drops()).toEqual([]);
    await context.close();
  });

  it('resolving before the visitor is served, or with nobody there, says why: the button keeps focus, A says the same', async () => {
    const t = await issue(server, 'licences');
    const { context, page } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'county-staff');
    await openCounter(page, '6');

    // Nobody at the counter (a visitor waits, not yet called): no resolve button, and A says why instead of nothing.
    await openOnlyArticle(page, 'fuhrerschein');
    await page.keyboard.press('a');
    await liveRegionContains(page, 'Finish is not possible now: nobody is at your counter.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await focusedIs(page, (el) => el.id === 'kb-toggle', 'the knowledge button');

    // Called, not yet served: the button is there, focusable and announced as unavailable; pressing it says why.
    await page.keyboard.press('n');
    expect(await currentNumber(page)).toBe(t.number);
    await openOnlyArticle(page, 'fuhrerschein');
    const resolve = page.getByRole('button', { name: `Finish ${t.number}: resolved with this article` });
    await expect(resolve.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(resolve.evaluate((el) => (el as HTMLButtonElement).disabled)).resolves.toBe(false);
    await expectAccessible(page, 'article with resolving not possible yet');
    const notYet = `Finish is not possible yet: start serving ${t.number} first.`;
    await resolve.focus();
    const drops = await watchFocusDrops(page);
    await page.keyboard.press('Enter');
    await liveRegionContains(page, notYet);
    await framesPass(page);
    await focusedIs(page, (el) => el.tag === 'BUTTON' && el.text.includes('resolved with this article'), 'the resolve button, still');
    expect(await drops()).toEqual([]);

    // The shortcut from elsewhere in the article says it again: the status line is emptied, then holds it once more.
    await page.locator('#kb-article-title').focus();
    const said = await recordLiveRegion(page);
    await page.keyboard.press('a');
    await expect.poll(said, WAIT).toContain(notYet);
    // Nothing was finished.
    const supervisor = await server.login('county-supervisor');
    const events = await server.api<EventView[]>('GET', `/api/v1/tickets/${t.id}/events`, { token: supervisor });
    expect(events.body.map((e) => e.type)).not.toContain('ticket_finished');

    // Once serving, the same button finishes: it was never taken out of the way.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await focusedIs(page, (el) => el.id === 'kb-toggle', 'the knowledge button');
    await page.keyboard.press('s');
    await liveRegionContains(page, `${t.number} being served`);
    await openOnlyArticle(page, 'fuhrerschein');
    await expect(resolve.getAttribute('aria-disabled')).resolves.toBe(null);
    await resolve.focus();
    await page.keyboard.press('Enter');
    await liveRegionContains(page, `${t.number} finished, resolved with “Driving licence: renewal and replacement”`);
    await context.close();
  });

  it("a desk's transfer button sends the visitor there; while it runs it turns its ring and keeps focus, and a second press sends nothing", async () => {
    const t = await issue(server, 'identity');
    // The passport desk is counter 1, open at another workstation (taken over if an earlier test left it open).
    const elsewhere = await server.login('city-supervisor');
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: elsewhere, body: { takeOver: true } })).status).toBe(200);
    const { context, page } = await callAt(browser, server, 'city-staff', '3', t.number);
    await page.keyboard.press('i');
    const panel = page.getByRole('complementary', { name: 'Knowledge' });
    await panel.getByRole('button', { name: /Passport: apply or renew/ }).click();
    await focusedIs(page, (el) => el.id === 'kb-article-title', 'the article heading');
    const transfer = panel.getByRole('button', { name: new RegExp(`^Transfer ${t.number} to Passport desk`) });
    expect(await transfer.getAttribute('aria-disabled')).toBeNull();
    expect(await transfer.getAttribute('disabled')).toBeNull();

    const transfers = await holdRequests(page, '**/api/v1/counters/3/transfer');
    await transfer.focus();
    await page.keyboard.press('Enter');
    await transfers.held;
    await expect.poll(() => transfer.getAttribute('aria-busy'), WAIT).toBe('true');
    expect(await transfer.getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Enter');
    await framesPass(page);
    expect(await transfer.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'article open, transferring to its desk');
    transfers.release();
    await liveRegionContains(page, `${t.number} transferred to Counter 1`);
    expect(transfers.count()).toBe(1);
    await page.getByRole('heading', { name: 'Nobody at your counter' }).waitFor(WAIT);
    await context.close();
  });

  it('works on the roaming tablet (820 × 1180) and at 200 % zoom without sideways scrolling', async () => {
    for (const [viewport, counter, scale] of [[{ width: 820, height: 1180 }, '7', 1], [{ width: 683, height: 384 }, '2', 2]] as const) {
      const { context, page } = await newPage(browser, { viewport, deviceScaleFactor: scale });
      await signIn(page, server, 'city-staff');
      await openCounter(page, counter);
      await openOnlyArticle(page, 'parking');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `sideways overflow at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
      await expectAccessible(page, `article at ${viewport.width}×${viewport.height}`);
      await context.close();
    }
  });

  it('the review screen: a city supervisor sees the city proposal with its changes and publishes it', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await page.getByRole('link', { name: 'Knowledge review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge review' }).waitFor(WAIT);
    const item = page.getByRole('article', { name: 'Passport: apply or renew' });
    await item.waitFor(WAIT);
    await expect(item.locator('ins').first().textContent()).resolves.toContain('7');
    await expect(item.locator('del').first().textContent()).resolves.toContain('removed');
    await expectAccessible(page, 'review screen');
    await item.getByRole('button', { name: 'Publish Passport: apply or renew' }).click();
    await liveRegionContains(page, 'Published: Passport: apply or renew.');
    await page.getByRole('heading', { name: 'Proposals waiting (0)' }).waitFor(WAIT);
    const staff = await server.login('city-staff');
    const found = await server.api<{ results: { summary: { en?: string } }[] }>('GET', '/api/v1/knowledge/search?q=passport%20apply', { token: staff });
    expect(found.body.results[0]?.summary.en).toBe('Apply in person with a recent photo. Ready in about 7 working days.');
    await context.close();
  });

  it("the review screen's history: who and when for each version, what it changed, and going back to the first one", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await page.goto(`${server.url}/counter/#/knowledge`);
    await page.getByRole('heading', { level: 1, name: 'Knowledge review' }).waitFor(WAIT);
    await page.getByLabel('Article', { exact: true }).selectOption({ label: 'Passport: apply or renew' });
    // From the moment focus is on "Show history", it is never on the page body: the busy button keeps it while the
    // versions load (a disabled one would lose it at the next frame), then the changes' heading takes it in the commit
    // that shows them.
    await page.getByRole('button', { name: 'Show history' }).focus();
    const drops = await watchFocusDrops(page);
    await page.keyboard.press('Enter');
    const history = page.getByRole('table', { name: 'Versions of “Passport: apply or renew”, newest first' });
    await history.waitFor(WAIT);
    await expect(history.locator('tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual(['published', 'replaced']);
    await expect(history.locator('tbody tr').first().textContent()).resolves.toContain('Aino (City), Bertil (City supervisor) – Faster since March');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show history');
    await history.getByRole('button', { name: 'Changes in version 2' }).click();
    await page.getByRole('heading', { name: 'Changes in version 2' }).waitFor(WAIT);
    await expect.poll(() => focusedId(page), WAIT).toBe('history-diff');
    expect(await drops()).toEqual([]);
    await expectAccessible(page, 'history with a diff');
    await history.getByRole('button', { name: 'Go back to version 1' }).click();
    await liveRegionContains(page, 'Version 1 is published again as version 3.');
    const staff = await server.login('city-staff');
    const back = await server.api<{ results: { summary: { en?: string } }[] }>('GET', '/api/v1/knowledge/search?q=passport%20apply', { token: staff });
    expect(back.body.results[0]?.summary.en).toContain('Ready in about 10 working days');
    await context.close();
  });

  it('the review screen edits the directory: a new city desk that transfers to counter 3', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server, 'city-supervisor');
    await page.goto(`${server.url}/counter/#/knowledge`);
    await page.getByRole('heading', { level: 1, name: 'Knowledge review' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Add a desk' }).click();
    await page.getByRole('heading', { name: 'Add a desk' }).waitFor(WAIT);
    await expect.poll(() => focusedId(page), WAIT).toBe('desk-form-title');
    // From here focus moves with each change of the form (saved, opened to edit, cancelled), never onto the page body.
    // (Watched only once focus is in the page: before the first click nothing has focus yet, while the review screen
    // is still loading its lists.)
    const drops = await watchFocusDrops(page);
    await page.getByLabel('Short id (letters, digits, -)').fill('city-parking-office');
    await page.getByLabel('Name of the office or desk').fill('Parking office');
    await page.getByLabel('Room').fill('1.01');
    await page.getByLabel('Transfer to').selectOption({ label: 'Counter 3' });
    await expectAccessible(page, 'desk form');
    // A slow answer to the save (the hall's update of the directory comes first, frames pass): the busy Save button
    // keeps focus meanwhile. A disabled one would drop it to the page body at the next frame.
    const save = await holdRequests(page, '**/api/v1/knowledge/contacts/city-parking-office', { serverFirst: true });
    await page.getByRole('button', { name: 'Save desk' }).click();
    await save.held;
    await framesPass(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save desk');
    save.release();
    await liveRegionContains(page, 'Desk saved: Parking office.');
    await expect.poll(() => focusedId(page), WAIT).toBe('desks-title');
    await page.getByRole('button', { name: 'Edit Parking office' }).click();
    await page.getByRole('heading', { name: 'Parking office' }).waitFor(WAIT);
    await expect.poll(() => focusedId(page), WAIT).toBe('desk-form-title');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Parking office' }).waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => focusedId(page), WAIT).toBe('desks-title');
    expect(await drops()).toEqual([]);
    const desks = await server.api<{ contacts: { id: string; name: { en?: string }; transfer: unknown }[] }>('GET', '/api/v1/knowledge/contacts', { token: await server.login('city-staff') });
    expect(desks.body.contacts.find((c) => c.id === 'city-parking-office')).toMatchObject({ name: { en: 'Parking office' }, transfer: { counterId: '3' } });
    await context.close();
  });
});
