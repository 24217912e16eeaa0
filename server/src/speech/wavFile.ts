/**
 * Checks that a WAV file is whole before it is cached or served: the RIFF header's sizes must match the length of the
 * file, a `fmt ` chunk must describe PCM audio, and a `data` chunk with at least one sample must end exactly at the end
 * of the file (plus its pad byte). A render cut short by a full disk or a killed process fails one of these.
 */

export type WavCheck = { ok: true; dataBytes: number } | { ok: false; reason: string };

/** The bytes a WAV header check needs: the chunk headers up to `data` lie in the first few hundred bytes. */
export const WAV_HEAD_BYTES = 4096;

/**
 * `head` is the start of the file (all of it, or at least its chunk headers up to `data`), `fileLength` its length on
 * disk.
 */
export function checkWav(head: Buffer, fileLength: number = head.length): WavCheck {
  if (fileLength < 44 || head.length < 12) return { ok: false, reason: `${fileLength} bytes is too short for a WAV file` };
  if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return { ok: false, reason: 'not a RIFF/WAVE file' };
  const riffSize = head.readUInt32LE(4);
  if (riffSize + 8 !== fileLength) return { ok: false, reason: `the RIFF header says ${riffSize + 8} bytes, the file has ${fileLength}` };
  let offset = 12;
  let format = false;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > head.length) return { ok: false, reason: 'the fmt chunk is too short' };
      const channels = head.readUInt16LE(body + 2);
      const sampleRate = head.readUInt32LE(body + 4);
      const bits = head.readUInt16LE(body + 14);
      if (channels < 1 || sampleRate < 1 || bits < 8) return { ok: false, reason: 'the fmt chunk describes no audio' };
      format = true;
    } else if (id === 'data') {
      if (!format) return { ok: false, reason: 'the data chunk comes before the fmt chunk' };
      if (size === 0) return { ok: false, reason: 'the data chunk is empty' };
      const end = body + size + (size % 2);
      if (end !== fileLength && body + size !== fileLength) {
        return { ok: false, reason: `the data chunk says ${size} bytes, the file holds ${Math.max(0, fileLength - body)} after its header` };
      }
      return { ok: true, dataBytes: size };
    }
    offset = body + size + (size % 2);
    if (offset > fileLength) return { ok: false, reason: `the ${JSON.stringify(id)} chunk runs past the end of the file` };
  }
  return { ok: false, reason: 'no data chunk' };
}

/**
 * espeak-ng writing to a pipe cannot go back to fill in the sizes, so its header carries placeholders: this writes the
 * real RIFF and data sizes for the bytes received (a copy; `raw` is left alone) and then checks the result.
 */
export function sealWav(raw: Buffer): { ok: true; wav: Buffer } | { ok: false; reason: string } {
  if (raw.length < 44 || raw.toString('ascii', 0, 4) !== 'RIFF' || raw.toString('ascii', 8, 12) !== 'WAVE') {
    return { ok: false, reason: `the program wrote ${raw.length} bytes that are not a WAV file` };
  }
  const wav = Buffer.from(raw);
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    if (id === 'data') {
      wav.writeUInt32LE(wav.length - (offset + 8), offset + 4);
      wav.writeUInt32LE(wav.length - 8, 4);
      const check = checkWav(wav);
      return check.ok ? { ok: true, wav } : check;
    }
    offset += 8 + wav.readUInt32LE(offset + 4);
  }
  return { ok: false, reason: 'no data chunk' };
}
