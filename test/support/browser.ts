import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { HallConfigInput } from '../../server/src/protocol/index.js';
import { startSmsGateway, startSmtp, type ReceivedMail } from './notifyGateways.js';
import { demoHall, startServer, type StartOptions, type TestServer } from './server.js';

const CHROMIUM = process.env.VUORO_CHROMIUM ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);

/** Debian's Chromium, headless; a missing browser fails with what to install. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (or set VUORO_CHROMIUM).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function newPage(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return { context, page };
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page with the WCAG 2.0/2.1/2.2 A and AA rules; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })),
    }));
  });
}

/** A readable summary for assertion messages. */
export function describeViolations(v: readonly AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** The page has no axe violations; `where` names the step in the failure message. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const v = await axeViolations(page);
  expect(v, `${where}: ${describeViolations(v)}`).toEqual([]);
}

/** Presses Tab until the focused element matches `selector` (keyboard only, as a visitor without a mouse would). */
export async function tabToSelector(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * The real server and Chromium for the tests of one `describe`: started before them, stopped after. `use` receives
 * both once they run, so a test file keeps its own `server` and `browser` variables.
 */
export function withServerAndBrowser(use: (server: TestServer, browser: Browser) => void, opts: StartOptions = {}): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
    use(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });
}

/** What `withNotifyingHall` hands its tests: the server and browser, and the mails the SMTP server was given. */
export interface NotifyingHall {
  server: TestServer;
  browser: Browser;
  mails: ReceivedMail[];
}

/**
 * `withServerAndBrowser` for a hall that emails and texts visitors: a real SMTP server and an SMS gateway (answering
 * 200) on free ports, started first, and the demo hall (then `adjust`) sending through both.
 */
export function withNotifyingHall(
  use: (h: NotifyingHall) => void,
  opts: { adjust?(hall: HallConfigInput): void; server?: Omit<StartOptions, 'hall'> } = {},
): void {
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  let sms: Awaited<ReturnType<typeof startSmsGateway>> | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway(() => 200);
    const hall = demoHall();
    hall.notifications = {
      email: { host: '127.0.0.1', port: smtp.port, from: 'Service Centre <hall@example.org>' },
      sms: { url: sms.url, defaultCountryCode: '+358' },
    };
    opts.adjust?.(hall);
    server = await startServer({ ...opts.server, hall });
    browser = await launchBrowser();
    use({ server, browser, mails: smtp.mails });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await smtp?.close();
    await sms?.close();
  });
}
