import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspeakRenderer, SpeechBusyError, SpeechUnavailableError } from './espeakRenderer.js';

/** A whole 16-bit mono WAV of `samples` samples, as espeak-ng writes it to a pipe (sizes left as placeholders). */
function pipeWav(samples: number): Buffer {
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(0x7ffff024, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(22_050, 24);
  wav.writeUInt32LE(44_100, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(0x7ffff000, 40);
  return wav;
}

/**
 * A stand-in for espeak-ng at the process boundary: a shell script that logs start (with the text) and end, waits, and
 * writes a WAV to stdout. The real engine is exercised in test/integration/speech.test.ts and speech-limits.test.ts.
 */
function fakeEspeak(dir: string, sleepSeconds: number): { exe: string; log: string } {
  const exe = path.join(dir, 'fake-espeak');
  const log = path.join(dir, 'log');
  const wav = path.join(dir, 'fake.wav');
  writeFileSync(wav, pipeWav(2000));
  writeFileSync(log, '');
  writeFileSync(
    exe,
    `#!/bin/sh
text=$(cat)
echo "start $text" >> "${log}"
sleep ${sleepSeconds}
cat "${wav}"
echo end >> "${log}"
`,
  );
  chmodSync(exe, 0o755);
  return { exe, log };
}

function maxRunning(log: string): number {
  let running = 0;
  let max = 0;
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (line.startsWith('start')) max = Math.max(max, ++running);
    if (line === 'end') running -= 1;
  }
  return max;
}

const spawns = (log: string) => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('start')).length;
const started = (log: string) => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('start ')).map((l) => l.slice(6));

describe('EspeakRenderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vuoro-espeak-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders at most `concurrency` prompts at once and caches each one on disk', async () => {
    const { exe, log } = fakeEspeak(dir, 0.2);
    const r = new EspeakRenderer({ executable: exe, cacheDir: path.join(dir, 'cache'), concurrency: 2 });
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const wavs = await Promise.all(texts.map((t) => r.render('en-gb', t)));
    expect(wavs.every((w) => w.subarray(0, 4).toString() === 'RIFF')).toBe(true);
    // The placeholder sizes of the pipe are replaced by the real ones.
    expect(wavs.every((w) => w.readUInt32LE(4) === w.length - 8 && w.readUInt32LE(40) === w.length - 44)).toBe(true);
    expect(maxRunning(log)).toBeLessThanOrEqual(2);
    expect(spawns(log)).toBe(5);
    await r.render('en-gb', 'three');
    expect(spawns(log)).toBe(5);
  });

  it('renders a prompt asked for twice at the same time only once', async () => {
    const { exe, log } = fakeEspeak(dir, 0.2);
    const r = new EspeakRenderer({ executable: exe, cacheDir: path.join(dir, 'cache') });
    await Promise.all([r.render('fi', 'sama'), r.render('fi', 'sama'), r.render('fi', 'sama')]);
    expect(spawns(log)).toBe(1);
    await r.render('sv', 'sama');
    expect(spawns(log)).toBe(2);
  });

  it('gives up on a render that takes too long, with an error that says so', async () => {
    const { exe } = fakeEspeak(dir, 30);
    const r = new EspeakRenderer({ executable: exe, cacheDir: path.join(dir, 'cache'), timeoutMs: 300 });
    await expect(r.render('en-gb', 'slow')).rejects.toThrow(/did not finish within 300 ms/);
  });

  it('renders calls before prompts that waited longer, and keeps a slot free for calls', async () => {
    const { exe, log } = fakeEspeak(dir, 0.3);
    const r = new EspeakRenderer({ executable: exe, cacheDir: path.join(dir, 'cache'), concurrency: 2 });
    const prompts = ['p1', 'p2', 'p3', 'p4'].map((t) => r.render('en-gb', t, 'prompt'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const calls = ['c1', 'c2'].map((t) => r.render('en-gb', t, 'call'));
    await Promise.all([...prompts, ...calls]);
    // p1 took the prompt slot; c1 the slot kept for calls at once; c2 went before p2–p4, which had waited longer.
    expect(started(log)).toEqual(['p1', 'c1', 'c2', 'p2', 'p3', 'p4']);
  });

  it('refuses a prompt when too many are waiting, so a flood cannot queue work without end', async () => {
    const { exe } = fakeEspeak(dir, 0.2);
    const r = new EspeakRenderer({ executable: exe, cacheDir: path.join(dir, 'cache'), maxWaiting: { call: 5, prompt: 2 } });
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((t) => r.render('en-gb', t, 'prompt')));
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(3);
    const refused = results.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(SpeechBusyError);
  });

  it('keeps at most the configured number of files, dropping the least recently used', async () => {
    const { exe, log } = fakeEspeak(dir, 0);
    const cacheDir = path.join(dir, 'cache');
    const r = new EspeakRenderer({ executable: exe, cacheDir, cacheLimits: { maxFiles: 3, maxBytes: 1_000_000 } });
    for (const t of ['a', 'b', 'c']) await r.render('en-gb', t);
    await r.render('en-gb', 'a'); // a is used again: b is now the least recently used
    await r.render('en-gb', 'd');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.wav'))).toHaveLength(3);
    expect(spawns(log)).toBe(4);
    await r.render('en-gb', 'a');
    expect(spawns(log)).toBe(4);
    await r.render('en-gb', 'b');
    expect(spawns(log)).toBe(5);
  });

  it('refuses output that is not a WAV file, and keeps nothing of it', async () => {
    const exe = path.join(dir, 'not-a-wav');
    writeFileSync(exe, '#!/bin/sh\ncat > /dev/null\necho "Hello"\n');
    chmodSync(exe, 0o755);
    const cacheDir = path.join(dir, 'cache');
    mkdirSync(cacheDir);
    const r = new EspeakRenderer({ executable: exe, cacheDir });
    await expect(r.render('en-gb', 'x')).rejects.toThrow(/no usable audio/);
    expect(readdirSync(cacheDir, { withFileTypes: true }).length).toBe(0);
  });

  it('reports a missing program as speech being unavailable, naming what to install', async () => {
    const r = new EspeakRenderer({ executable: path.join(dir, 'no-such-espeak'), cacheDir: path.join(dir, 'cache') });
    const err = await r.render('en-gb', 'hello').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechUnavailableError);
    expect((err as Error).message).toMatch(/apt-get install espeak-ng/);
  });
});
