// The display page's memory and DOM size while 10,000 calls are made: a board left running for weeks must not
// grow. Calls go through the queue services in-process (issue, call next, no-show at one counter), so the server
// pushes real sequenced events to a real display page in Debian's Chromium. Prints figures; asserts nothing.
// Standalone: node test/bench/display-memory.mjs [calls]   (after npm run build)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createApp } from '../../server/dist/app.js';
import { loadConfig } from '../../server/dist/config.js';

const CHROMIUM = process.env.VUORO_CHROMIUM ?? '/usr/bin/chromium';
const ACTOR = { userId: 1, name: 'bench', role: 'admin', organisationId: null };
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2);

async function pageFigures(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { heapUsed: m.JSHeapUsedSize, heapTotal: m.JSHeapTotalSize, nodes: m.Nodes, listeners: m.JSEventListeners, elements };
}

/** Waits until the board's newest call is `number` (the page has caught up with the server). */
async function caughtUp(page, number) {
  await page.locator(`[data-testid="current-call"][data-number="${number}"]`).first().waitFor({ timeout: 120_000 });
}

export async function run(calls = 10_000) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-display-bench-'));
  const app = await createApp({ config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: 'bench-password-1', VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000', VUORO_SOCKETS_PER_ADDRESS: '5000' }), log: () => {} });
  await new Promise((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${app.http.address().port}`;
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${url}/display?id=hall`);
    await page.locator('.board__body').waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const { services } = app;
    services.counters.open('1', ACTOR, {});
    const rows = [];
    const checkpoints = new Set([100, 1_000, 2_500, 5_000, 7_500, calls]);
    let last = '';
    const t0 = Date.now();
    for (let i = 1; i <= calls; i += 1) {
      services.tickets.issue({ serviceId: 'identity', needs: [] });
      last = services.counters.callNext('1', ACTOR).number;
      services.counters.noShow('1', ACTOR);
      // Let the server's sockets flush now and then, as a real hall's pace would.
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
      if (i === 1) {
        await caughtUp(page, last);
        rows.push({ calls: 1, ...(await pageFigures(page, cdp)) });
      }
      if (checkpoints.has(i)) {
        await caughtUp(page, last);
        rows.push({ calls: i, ...(await pageFigures(page, cdp)) });
      }
    }
    const seconds = (Date.now() - t0) / 1000;
    console.log(`\nDisplay page after ${calls.toLocaleString('en-US')} calls (hall profile, after forced GC; ${seconds.toFixed(0)} s in all)`);
    console.log('   calls   JS heap used   JS heap total   DOM nodes   elements   listeners');
    for (const r of rows) {
      console.log(
        `${String(r.calls).padStart(8)} ${mb(r.heapUsed).padStart(11)} MB ${mb(r.heapTotal).padStart(12)} MB ${String(r.nodes).padStart(11)} ${String(r.elements).padStart(10)} ${String(r.listeners).padStart(11)}`,
      );
    }
    return rows;
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 10_000);
  await run(Number.isFinite(n) && n > 0 ? n : 10_000);
  process.exit(0);
}
