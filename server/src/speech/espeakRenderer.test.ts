import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspeakRenderer, SpeechUnavailableError } from './espeakRenderer.js';

/**
 * A stand-in for espeak-ng at the process boundary: a shell script that logs start and end, waits, and writes a
 * fake WAV to the -w argument. The real engine is exercised in test/integration/speech.test.ts.
 */
function fakeEspeak(dir: string, sleepSeconds: number): { exe: string; log: string } {
  const exe = path.join(dir, 'fake-espeak');
  const log = path.join(dir, 'log');
  writeFileSync(log, '');
  writeFileSync(
    exe,
    `#!/bin/sh
out=""
while [ $# -gt 0 ]; do
  if [ "$1" = "-w" ]; then out="$2"; shift; fi
  shift
done
echo start >> "${log}"
cat > /dev/null
sleep ${sleepSeconds}
printf 'RIFF0000WAVEfmt %064d' 0 > "$out"
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
    if (line === 'start') max = Math.max(max, ++running);
    if (line === 'end') running -= 1;
  }
  return max;
}

const spawns = (log: string) => readFileSync(log, 'utf8').split('\n').filter((l) => l === 'start').length;

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

  it('reports a missing program as speech being unavailable, naming what to install', async () => {
    const r = new EspeakRenderer({ executable: path.join(dir, 'no-such-espeak'), cacheDir: path.join(dir, 'cache') });
    const err = await r.render('en-gb', 'hello').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechUnavailableError);
    expect((err as Error).message).toMatch(/apt-get install espeak-ng/);
  });
});
