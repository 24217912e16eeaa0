import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { ErrorBody, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

function espeakInstalled(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAS_ESPEAK = espeakInstalled();
/** The suite needs the real engine; without it these tests fail and say what to install. */
function requireEspeak(): void {
  if (!HAS_ESPEAK) throw new Error('espeak-ng is not installed: run "apt-get install -y espeak-ng" (Debian) to run the speech tests.');
}
/** The kiosk's confirmation of a ticket (the number must be one issued today). */
const confirm = (number: string) => `/api/v1/speech?app=kiosk&lang=fi&key=speech.confirmScreen&number=${number}&service=identity&ahead=0&minutes=12`;

async function get(url: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

function errorOf(bytes: Buffer): ErrorBody['error'] {
  return (JSON.parse(bytes.toString('utf8')) as ErrorBody).error;
}

describe('the speech endpoint', () => {
  let server: TestServer;
  let number: string;
  beforeAll(async () => {
    server = await startServer();
    number = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).body.ticket.number;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('renders a kiosk text with ticket data to real WAV audio', async () => {
    requireEspeak();
    const r = await get(server.url + confirm(number));
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^audio\/wav/);
    expect(r.bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(r.bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(r.bytes.length).toBeGreaterThan(10_000);
  });

  it('keeps each rendered prompt once in the speech cache under the data directory', async () => {
    requireEspeak();
    const url = server.url + '/api/v1/speech?app=kiosk&lang=en&key=speech.serviceOption&service=parking&ahead=2&minutes=7';
    const first = await get(url);
    const cache = path.join(server.dataDir, 'speech-cache');
    const before = readdirSync(cache).filter((f) => f.endsWith('.wav')).length;
    const second = await get(url);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(readdirSync(cache).filter((f) => f.endsWith('.wav')).length).toBe(before);
  });

  it("speaks the display's call texts with a number and a counter label (the display's use of the endpoint)", async () => {
    requireEspeak();
    const r = await get(`${server.url}/api/v1/speech?app=display&lang=fi&key=call.spoken&number=${number}&counter=4`);
    expect(r.status).toBe(200);
    const unknownCounter = await get(`${server.url}/api/v1/speech?app=display&lang=fi&key=call.spoken&number=${number}&counter=99`);
    expect(unknownCounter.status).toBe(400);
  });

  it('speaks every one of the six languages', async () => {
    requireEspeak();
    for (const lang of ['en', 'fi', 'sv', 'de', 'nl', 'fr']) {
      const r = await get(`${server.url}/api/v1/speech?app=kiosk&lang=${lang}&key=speech.languageOption`);
      expect(r.status, lang).toBe(200);
    }
  });

  it('refuses free text, unknown keys and parameters that are not the hall\'s own data', async () => {
    const base = `${server.url}/api/v1/speech?app=kiosk&lang=en`;
    const cases: [string, number][] = [
      [`${base}&key=speech.startScreen&text=hello`, 400],
      [`${base}&key=no.such.key`, 404],
      [`${server.url}/api/v1/speech?app=kiosk&lang=xx&key=speech.startScreen`, 400],
      [`${server.url}/api/v1/speech?app=admin&lang=en&key=speech.startScreen`, 400],
      [`${base}&key=speech.confirmScreen&number=hello&service=identity&ahead=1&minutes=2`, 400],
      [`${base}&key=speech.confirmScreen&number=${number}&service=nope&ahead=0&minutes=2`, 400],
      [`${base}&key=speech.confirmScreen&number=${number}&service=identity&ahead=-1&minutes=2`, 400],
      [`${base}&key=speech.confirmScreen&number=${number}&service=identity&minutes=2`, 400],
      [`${base}&key=speech.interpreterOption&interpreter=zz`, 400],
    ];
    for (const [url, status] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(status);
      expect(r.type, url).toMatch(/json/);
      expect(errorOf(r.bytes).message.length, url).toBeGreaterThan(0);
    }
  });
});

describe('the speech endpoint without espeak-ng', () => {
  let app: App;
  let url: string;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-speech-'));
    app = await createApp({
      config: loadConfig({ VUORO_DATA_DIR: dataDir, VUORO_ESPEAK: path.join(dataDir, 'no-such-espeak-ng') }),
      log: () => undefined,
    });
    await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 speech_unavailable naming the missing program, so the screen falls back to browser speech', async () => {
    const r = await get(url + '/api/v1/speech?app=kiosk&lang=fi&key=speech.startScreen');
    expect(r.status).toBe(503);
    const error = errorOf(r.bytes);
    expect(error.code).toBe('speech_unavailable');
    expect(error.message).toMatch(/not installed/);
  });
});
