import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { checkWav } from '../../server/src/speech/wavFile.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';

// GET /api/v1/speech against the real server and the real espeak-ng: what one client may ask, what the cache keeps,
// which renders go first, and that a short or damaged WAV is never kept or served. The server trusts X-Forwarded-For
// from loopback, so one test process can ask as several machines of the hall.

function requireEspeak(): void {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('espeak-ng is not installed: run "apt-get install -y espeak-ng" (Debian) to run the speech tests.');
  }
}

interface Answer {
  status: number;
  retryAfter: string | null;
  bytes: Buffer;
}

async function get(server: TestServer, query: string, from = '10.1.0.1'): Promise<Answer> {
  const res = await fetch(`${server.url}/api/v1/speech?${query}`, { headers: { 'x-forwarded-for': from } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const errorOf = (a: Answer) => (JSON.parse(a.bytes.toString('utf8')) as ErrorBody).error;
const cacheDir = (server: TestServer) => path.join(server.dataDir, 'speech-cache');

function cached(server: TestServer): { name: string; bytes: Buffer }[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir(server));
  } catch {
    return [];
  }
  return names.map((name) => ({ name, bytes: readFileSync(path.join(cacheDir(server), name)) }));
}

async function issue(server: TestServer, n: number, serviceId = 'identity'): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } });
    expect(r.status).toBe(201);
    numbers.push(r.body.ticket.number);
  }
  return numbers;
}

/** A kiosk's reading of a service button: distinct `ahead` values make distinct prompts. */
const option = (ahead: number, minutes = 5) => `app=kiosk&lang=en&key=speech.serviceOption&service=identity&ahead=${ahead}&minutes=${minutes}`;

describe('the speech route refuses what no screen asks, and renders nothing for it', () => {
  let server: TestServer;
  let number: string;
  beforeAll(async () => {
    requireEspeak();
    const hall = demoHall();
    hall.hall.languages = ['en', 'fi'];
    hall.hall.defaultLanguage = 'en';
    server = await startServer({ hall });
    [number = ''] = await issue(server, 1);
  });
  afterAll(() => server.dispose());

  it('a number not issued today, an unknown counter or service, a language the hall does not offer → 400; a text no screen speaks → 404', async () => {
    const call = (n: string, counter: string, lang = 'en') => `app=display&lang=${lang}&key=call.spoken&number=${n}&counter=${counter}`;
    expect((await get(server, call(number, '4'))).status).toBe(200);
    const refused: [string, number, RegExp][] = [
      [call('Z999', '4'), 400, /no ticket Z999 was issued today/],
      [call(number.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0')), '4'), 400, /was issued today/],
      [call(number, '99'), 400, /no counter "99"/],
      [call(number, '4', 'de'), 400, /does not offer the language "de"/],
      [call(number, '4', 'xx'), 400, /lang/],
      [`app=kiosk&lang=en&key=speech.confirmScreen&number=${number}&service=nope&ahead=0&minutes=1`, 400, /no service "nope"/],
      [option(5), 400, /ahead: 5 people cannot be waiting; 1 tickets were issued today/],
      [`app=kiosk&lang=en&key=no.such.text`, 404, /no text "no.such.text"/],
      [`app=display&lang=en&key=waits.people&ahead=0`, 404, /The display screen has no text "waits.people"/],
    ];
    for (const [query, status, message] of refused) {
      const a = await get(server, query);
      expect(a.status, query).toBe(status);
      expect(errorOf(a).message, query).toMatch(message);
    }
    // Only the one call above was rendered and kept.
    expect(cached(server).map((f) => f.name)).toHaveLength(1);
  });
});

describe('the speech route limits each client, keeps a bounded cache, and renders calls first', () => {
  let server: TestServer;
  let stopped = false;
  const logs: string[] = [];
  beforeAll(async () => {
    requireEspeak();
    // The monotonic clock (rate windows) stands still, so that a slow machine cannot refill a bucket mid-test.
    server = await startServer({ env: { VUORO_SPEECH_PER_MINUTE: '6', VUORO_SPEECH_CACHE_FILES: '4' }, monotonic: () => 1_000, log: (msg) => logs.push(msg) });
    await issue(server, 40);
  });
  afterAll(async () => {
    if (!stopped) await server.dispose();
  });

  it('past its rate a client gets 429 with Retry-After; another client is not affected', async () => {
    const from = '10.1.0.50';
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 8; i += 1) {
      last = await get(server, option(0), from);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last?.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(last && errorOf(last)).toMatchObject({ code: 'too_many_requests' });
    expect((await get(server, option(0), '10.1.0.51')).status).toBe(200);
  });

  it('keeps at most the configured number of files, deleting the least recently used first', async () => {
    const answers = new Map<number, Buffer>();
    for (let i = 1; i <= 10; i += 1) {
      const a = await get(server, option(i), `10.1.1.${i}`);
      expect(a.status).toBe(200);
      answers.set(i, a.bytes);
    }
    expect(cached(server)).toHaveLength(4); // 7, 8, 9, 10
    expect((await get(server, option(7), '10.1.2.1')).status).toBe(200); // 7 is used again: 8 is now the oldest
    const eleven = await get(server, option(11), '10.1.2.2');
    answers.set(11, eleven.bytes);
    const kept = cached(server).map((f) => [...answers].find(([, b]) => b.equals(f.bytes))?.[0]);
    expect(kept.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([7, 9, 10, 11]);
    for (const f of cached(server)) expect(checkWav(f.bytes).ok, f.name).toBe(true);
  });

  it('a cached file that was damaged on disk is not served: it is deleted and rendered again', async () => {
    const whole = await get(server, option(12), '10.1.3.1');
    const file = cached(server).find((f) => f.bytes.equals(whole.bytes));
    expect(file).toBeDefined();
    const full = path.join(cacheDir(server), file?.name ?? '');
    writeFileSync(full, whole.bytes.subarray(0, Math.floor(whole.bytes.length / 2)));
    const again = await get(server, option(12), '10.1.3.2');
    expect(again.status).toBe(200);
    expect(again.bytes.equals(whole.bytes)).toBe(true);
    expect(readFileSync(full).equals(whole.bytes)).toBe(true);
    expect(logs.some((l) => /not a whole WAV file/.test(l))).toBe(true);
  });

  it('a restart trims the cache to smaller limits and deletes leftovers and files of the older naming', async () => {
    const dir = cacheDir(server);
    const some = readFileSync(path.join(dir, readdirSync(dir)[0] ?? ''));
    writeFileSync(path.join(dir, `${'a'.repeat(64)}.wav`), some); // written by espeak-ng itself before: not trusted
    writeFileSync(path.join(dir, `v2-${'b'.repeat(64)}.wav.123.abc.tmp`), some.subarray(0, 100)); // a render cut by a crash
    await server.stop();
    stopped = true;
    const second = await startServer({ dataDir: server.dataDir, env: { VUORO_SPEECH_CACHE_FILES: '2' } });
    try {
      await get(second, option(0), '10.1.8.1');
      const names = readdirSync(dir);
      expect(names.every((n) => /^v2-[0-9a-f]{64}\.wav$/.test(n)), names.join(', ')).toBe(true);
      expect(names).toHaveLength(2);
    } finally {
      await second.dispose();
    }
  });
});

describe('a full disk never leaves a short WAV in the cache', () => {
  let server: TestServer | undefined;
  let dataDir: string;
  let mounted = false;
  const logs: string[] = [];

  beforeAll(async () => {
    requireEspeak();
    dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-speech-full-'));
    mkdirSync(path.join(dataDir, 'speech-cache'));
    // A real full disk: a 64 KB tmpfs for the speech cache (a spoken prompt is 100–300 KB).
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path.join(dataDir, 'speech-cache')], { encoding: 'utf8' });
    if (m.status !== 0) {
      throw new Error(`This test fills a real disk by mounting a 64 KB tmpfs, which needs root and mount (util-linux: apt-get install -y mount); mount said: ${m.stderr || m.error?.message}`);
    }
    mounted = true;
    server = await startServer({ dataDir, log: (msg) => logs.push(msg) });
  });
  afterAll(async () => {
    await server?.stop();
    if (mounted) spawnSync('umount', [path.join(dataDir, 'speech-cache')]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the prompt is still spoken (a whole WAV), nothing is kept, and the log says the disk is full', async () => {
    if (!server) throw new Error('no server');
    const [number] = await issue(server, 1);
    const query = `app=kiosk&lang=en&key=speech.confirmScreen&number=${number}&service=identity&ahead=0&minutes=12`;
    for (let i = 0; i < 2; i += 1) {
      const a = await get(server, query, `10.2.0.${i}`);
      expect(a.status).toBe(200);
      expect(a.bytes.length).toBeGreaterThan(64 * 1024);
      expect(checkWav(a.bytes).ok).toBe(true);
    }
    expect(readdirSync(path.join(dataDir, 'speech-cache'))).toEqual([]);
    expect(logs.filter((l) => /speech cache: the disk holding .* is full/.test(l))).toHaveLength(1);
    expect(statSync(path.join(dataDir, 'speech-cache')).isDirectory()).toBe(true);
  });
});

describe("a display's call does not wait behind kiosk prompts, and a flood of prompts is refused, not queued", () => {
  let server: TestServer;
  let dir: string;
  const logs: string[] = [];
  beforeAll(async () => {
    requireEspeak();
    // The real espeak-ng, started 0.3 s late, so that prompts queue up the same way on a fast and a slow machine.
    dir = mkdtempSync(path.join(tmpdir(), 'vuoro-slow-espeak-'));
    const slow = path.join(dir, 'espeak-ng-slow');
    writeFileSync(slow, '#!/bin/sh\nsleep 0.3\nexec espeak-ng "$@"\n');
    chmodSync(slow, 0o755);
    server = await startServer({ env: { VUORO_ESPEAK: slow }, log: (msg) => logs.push(msg) });
    await issue(server, 20);
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the call is rendered before kiosk prompts that were asked first', async () => {
    const [number] = await issue(server, 1, 'parking');
    const done: string[] = [];
    let firstDone: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    const prompts = Array.from({ length: 12 }, (_, i) =>
      get(server, option(i + 1, 9), `10.1.4.${i}`).then((a) => {
        expect(a.status).toBe(200);
        done.push(`prompt ${i}`);
        firstDone();
      }),
    );
    // By the time the first prompt is rendered (at least 0.3 s), the others have long arrived and wait.
    await first;
    const call = get(server, `app=display&lang=en&key=call.spoken&number=${number}&counter=2`, '10.1.5.1').then((a) => {
      expect(a.status).toBe(200);
      done.push('call');
    });
    await Promise.all([...prompts, call]);
    // First come, first served, the call would be 13th. Prompts use one render slot at a time (the other is kept for
    // calls), each at least 0.3 s: only the first and those that finish while the call renders come before it.
    expect(done.indexOf('call')).toBeLessThanOrEqual(4);
  });

  it('a flood of distinct prompts is refused with 503 and Retry-After once the queue is full; a call still gets through', async () => {
    const prompts = Array.from({ length: 30 }, (_, i) => get(server, option(1, 100 + i), `10.1.6.${i}`));
    const [number] = await issue(server, 1, 'parking');
    const call = await get(server, `app=display&lang=en&key=call.spoken&number=${number}&counter=3`, '10.1.7.1');
    const answers = await Promise.all(prompts);
    expect(call.status).toBe(200);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect(busy.every((a) => a.retryAfter !== null && errorOf(a).code === 'speech_unavailable')).toBe(true);
    // The refusals are answers, not server faults: one summary line, no line (or stack trace) per request.
    expect(logs.filter((l) => /render queue is full/.test(l))).toHaveLength(1);
    expect(logs.filter((l) => /failed/.test(l))).toEqual([]);
  });
});
