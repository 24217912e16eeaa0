import type { Page } from 'playwright-core';
import type { IssueTicketResponse, Need, TicketView } from '../../server/src/protocol/index.js';
import type { TestServer } from '../support/server.js';

/** Steps shared by the counter browser tests. Conditions are awaited with generous timeouts; times are never asserted. */
export const WAIT = { timeout: 20_000 };

export async function issue(server: TestServer, serviceId: string, needs: Need[] = []): Promise<IssueTicketResponse['ticket']> {
  const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId, needs } });
  if (r.status !== 201) throw new Error(`issue ${serviceId} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.ticket;
}

export async function ticket(server: TestServer, token: string, id: number): Promise<TicketView> {
  const r = await server.api<TicketView>('GET', `/api/v1/tickets/${id}`, { token });
  if (r.status !== 200) throw new Error(`ticket ${id}: ${r.status}`);
  return r.body;
}

export async function signIn(page: Page, server: TestServer, username: string, password = `demo-${username}`): Promise<void> {
  await page.goto(`${server.url}/counter/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor(WAIT);
}

/** Picks a counter with the mouse, optionally unticking services, and opens it. */
export async function openCounter(page: Page, label: string, untick: string[] = []): Promise<void> {
  await page.getByRole('heading', { name: 'Choose your counter' }).waitFor(WAIT);
  await page.getByRole('radio', { name: new RegExp(`^Counter ${label}\\b`) }).check();
  for (const name of untick) await page.getByRole('checkbox', { name }).uncheck();
  await page.getByRole('button', { name: `Open counter ${label}` }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Counter ${label}`) }).waitFor(WAIT);
}

/** Presses Tab until the focused element's accessible text matches `name`: keyboard-only navigation. */
export async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      const wrapping = el.closest('label')?.textContent;
      return `${el.getAttribute('aria-label') ?? ''} ${label ?? ''} ${wrapping ?? ''} ${el.textContent ?? ''}`.trim();
    });
    // Focus on nothing (the page body, past the last control) is never a match, however much text the page holds.
    if (text !== '' && (await page.evaluate(() => document.activeElement !== document.body)) && name.test(text)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

export async function currentNumber(page: Page): Promise<string> {
  const el = page.getByTestId('current-number');
  await el.waitFor(WAIT);
  return (await el.textContent()) ?? '';
}

export async function liveRegionContains(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="live-region"]')?.textContent?.includes(t) ?? false,
    text,
    WAIT,
  );
}

/**
 * Records every change of the page made while focus is on nothing (the page body). A MutationObserver runs right
 * after each change, in the same task, so a focus moved a task or a timer later is caught whatever the machine's
 * load, without any waiting. Returns a function that stops recording and gives what was recorded.
 */
export async function watchFocusDrops(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { vuoroFocusDrops?: { drops: string[]; observer: MutationObserver } };
    w.vuoroFocusDrops?.observer.disconnect();
    const drops: string[] = [];
    const observer = new MutationObserver((records) => {
      const active = document.activeElement;
      if (active !== null && active !== document.body) return;
      const changed = records.map((r) => (r.target instanceof Element ? r.target.tagName + (r.target.id ? `#${r.target.id}` : '') : r.target.nodeName));
      drops.push(`focus on nothing after a change of ${[...new Set(changed)].slice(0, 4).join(', ')}`);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    w.vuoroFocusDrops = { drops, observer };
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { vuoroFocusDrops?: { drops: string[]; observer: MutationObserver } };
      w.vuoroFocusDrops?.observer.disconnect();
      return w.vuoroFocusDrops?.drops ?? [];
    });
}

export interface HeldRequests {
  /** Resolves once the first request is held (with `serverFirst`: once the server has answered it). */
  held: Promise<void>;
  /** Lets every held request, and any later one, go on. */
  release(): void;
  /** How many requests to the address were made. */
  count(): number;
}

/**
 * Holds every request to `url` until `release()`, so frames pass while the page waits for the answer: the test decides
 * when it comes, no timer does. With `serverFirst` the server handles the request at once (its change reaches the page
 * through the hall's events) and only its answer to the page is held, the order a loaded network gives.
 */
export async function holdRequests(page: Page, url: string, { serverFirst = false } = {}): Promise<HeldRequests> {
  let count = 0;
  let onHeld = (): void => undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    count++;
    if (serverFirst) {
      const response = await route.fetch();
      onHeld();
      await released;
      await route.fulfill({ response });
    } else {
      onHeld();
      await released;
      await route.continue();
    }
  });
  return { held, release: () => release(), count: () => count };
}

/**
 * Keeps the browser intercepting the API's requests for the rest of the page's life (each passes on untouched unless a
 * `holdRequests` route takes it). Without it, removing a test's last route switches interception off and the next
 * route switches it on again, and under load a request sent just after that can slip past the new route unheld.
 */
export async function keepIntercepting(page: Page): Promise<void> {
  await page.route('**/api/**', (route) => route.fallback());
}

/** Two animation frames: a focused button that became disabled has lost its focus by then. */
export async function framesPass(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
