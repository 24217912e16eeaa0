import { describe, expect, it } from 'vitest';
import { checkWav, sealWav } from './wavFile.js';

/** A 16-bit mono WAV with real sizes, `samples` samples long. */
function wav(samples: number): Buffer {
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(b.length - 8, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(22_050, 24);
  b.writeUInt32LE(44_100, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(samples * 2, 40);
  return b;
}

describe('WAV completeness', () => {
  it('accepts a whole file', () => {
    expect(checkWav(wav(100))).toEqual({ ok: true, dataBytes: 200 });
  });

  it('refuses a file cut short, whatever its header says', () => {
    const whole = wav(1000);
    expect(checkWav(whole.subarray(0, 1500)).ok).toBe(false);
    expect(checkWav(whole, whole.length - 1).ok).toBe(false);
    // Header sizes that agree with each other but not with the data chunk.
    const cut = Buffer.from(whole.subarray(0, 1500));
    cut.writeUInt32LE(1500 - 8, 4);
    expect(checkWav(cut)).toMatchObject({ ok: false, reason: expect.stringMatching(/data chunk/) });
  });

  it('refuses a file without a data chunk, with an empty one, or that is not a WAV at all', () => {
    const noData = wav(10).subarray(0, 36);
    const header = Buffer.from(noData);
    header.writeUInt32LE(header.length - 8, 4);
    expect(checkWav(Buffer.concat([header, Buffer.alloc(16)])).ok).toBe(false);
    expect(checkWav(wav(0)).ok).toBe(false);
    expect(checkWav(Buffer.from('Hello, this is not audio at all, just text here.')).ok).toBe(false);
  });

  it('checks a file on disk from its first bytes and its length', () => {
    const whole = wav(5000);
    expect(checkWav(whole.subarray(0, 4096), whole.length).ok).toBe(true);
    expect(checkWav(whole.subarray(0, 4096), whole.length + 10).ok).toBe(false);
  });

  it('seals the placeholder sizes of a WAV written to a pipe', () => {
    const piped = wav(300);
    piped.writeUInt32LE(0x7ffff024, 4);
    piped.writeUInt32LE(0x7ffff000, 40);
    expect(checkWav(piped).ok).toBe(false);
    const sealed = sealWav(piped);
    expect(sealed.ok && checkWav(sealed.wav)).toEqual({ ok: true, dataBytes: 600 });
    expect(sealWav(Buffer.from('not a wav file, only some text that is long enough')).ok).toBe(false);
  });
});
