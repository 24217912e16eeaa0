import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { launchBrowser, newPage } from '../support/browser.js';

const WAIT = { timeout: 30_000 };
const CLIP_NAMES = ['number', 'counter', 'recall', ...'abcdklm'.split(''), ...'0123456789'.split('')];

/** A short 16-bit mono PCM tone: enough for the browser to decode and schedule. */
function toneWav(freq: number, seconds = 0.08, rate = 8_000): Buffer {
  const samples = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1) b.writeInt16LE(Math.round(8_000 * Math.sin((2 * Math.PI * freq * i) / rate)), 44 + i * 2);
  return b;
}

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchBrowser();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-clips-'));
  for (const lang of ['en', 'fi']) {
    const dir = path.join(dataDir, 'clips', 'riverside', lang);
    mkdirSync(dir, { recursive: true });
    CLIP_NAMES.forEach((name, i) => writeFileSync(path.join(dir, `${name}.wav`), toneWav(300 + i * 20)));
  }
  const hall = demoHall();
  hall.displays = (hall.displays ?? []).map((d) => (d.id === 'hall' ? { ...d, sound: { enabled: true, volume: 0.5, clips: 'clips/riverside' } } : d));
  server = await startServer({ hall, dataDir });
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function openDisplay(id: string): Promise<{ page: Page; requested: string[] }> {
  const { page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const requested: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/v1/displays/') || u.pathname === '/api/v1/speech') requested.push(u.pathname + u.search);
  });
  await page.goto(`${server.url}/display?id=${id}`);
  await page.locator('.board__body').waitFor(WAIT);
  return { page, requested };
}

async function call(serviceId: string, counter: string, language: string): Promise<string> {
  const token = await server.login(counter === '1' ? 'city-staff' : 'county-staff');
  const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId, language } });
  expect(t.status).toBe(201);
  await server.api('POST', `/api/v1/counters/${counter}/open`, { token, body: {} });
  await server.api('POST', `/api/v1/counters/${counter}/no-show`, { token, body: {} });
  const r = await server.api('POST', `/api/v1/counters/${counter}/next`, { token, body: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return t.body.ticket.number;
}

describe('display sound', () => {
  it("a call is spoken from the hall's recorded clips, in the hall's language and then the visitor's", async () => {
    const { page, requested } = await openDisplay('hall');
    const number = await call('identity', '1', 'fi');
    await page.locator(`[data-testid="current-call"][data-number="${number}"]`).waitFor(WAIT);
    await expect.poll(() => page.locator('.board').getAttribute('data-sound'), WAIT).toBe('clips');
    await expect.poll(() => requested.filter((u) => u.endsWith('/fi/counter.wav')).length, WAIT).toBe(1);
    expect(requested).toContain('/api/v1/displays/hall/clips/en/number.wav');
    expect(requested).toContain('/api/v1/displays/hall/clips/en/a.wav');
    expect(requested.some((u) => u.startsWith('/api/v1/speech'))).toBe(false);
  });

  it('a display without clips asks the server to speak the call', async () => {
    const { page, requested } = await openDisplay('city');
    const number = await call('identity', '1', 'en');
    await page.locator(`[data-testid="current-call"][data-number="${number}"]`).waitFor(WAIT);
    await expect.poll(() => requested.find((u) => u.startsWith('/api/v1/speech')), WAIT).toContain('key=call.spoken');
    const url = requested.find((u) => u.startsWith('/api/v1/speech')) ?? '';
    expect(new URLSearchParams(url.split('?')[1]).get('number')).toBe(number);
    // espeak-ng installed: server speech; without it the display falls back to the browser's voices or the chime.
    await expect.poll(() => page.locator('.board').getAttribute('data-sound'), WAIT).toMatch(/^(server|browser|none)$/);
  });

  it('the clips route never serves files outside the clip folder', async () => {
    for (const p of ['/api/v1/displays/hall/clips/en/..%2F..%2Fvuoro.db', '/api/v1/displays/hall/clips/xx/number.wav', '/api/v1/displays/city/clips/en/number.wav']) {
      expect((await server.api('GET', p)).status, p).toBe(404);
    }
    const ok = await fetch(`${server.url}/api/v1/displays/hall/clips/en/number.wav`);
    expect(ok.status).toBe(200);
  });

  it('when the browser blocks autoplay, an "Enable sound" button turns sound on', async () => {
    // Headless Chromium never blocks audio, so the page's AudioContext starts suspended as a blocking browser's would.
    const { page } = await newPage(browser);
    await page.addInitScript(() => {
      const Real = window.AudioContext;
      window.AudioContext = class extends Real {
        constructor(options?: AudioContextOptions) {
          super(options);
          void this.suspend();
        }
      };
    });
    await page.goto(`${server.url}/display?id=hall`);
    const button = page.getByRole('button', { name: 'Enable sound' });
    await button.waitFor(WAIT);
    await button.click();
    await button.waitFor({ state: 'detached', ...WAIT });
    await page.close();
  });
});
