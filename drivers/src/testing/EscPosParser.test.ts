import { describe, expect, it } from 'vitest';
import { EscPosParser, parseEscPos } from './EscPosParser.js';
import { findText, textLines } from '../escpos/escPosCommand.js';
import { qrCode } from '../escpos/commands.js';

/** ESC @, ESC t 16, ESC a 1, GS ! 0x77, "A012", LF, GS ! 0, "Pää€", LF, QR, GS V 0. */
const SAMPLE = Buffer.concat([
  Buffer.from([0x1b, 0x40, 0x1b, 0x74, 0x10, 0x1b, 0x61, 0x01]),
  Buffer.from([0x1d, 0x21, 0x77]),
  Buffer.from('A012\n', 'latin1'),
  Buffer.from([0x1d, 0x21, 0x00]),
  Buffer.from([0x50, 0xe4, 0xe4, 0x80, 0x0a]),
  qrCode('https://hall.example/t/abc'),
  Buffer.from([0x1d, 0x56, 0x00]),
]);

describe('EscPosParser', () => {
  it('turns a ticket byte stream into commands and styled text runs', () => {
    const commands = parseEscPos(SAMPLE);
    expect(commands.slice(0, 4)).toEqual([
      { type: 'init' },
      { type: 'codePage', page: 16 },
      { type: 'align', align: 'center' },
      { type: 'textSize', width: 8, height: 8 },
    ]);
    expect(findText(commands, 'A012')?.style).toMatchObject({ width: 8, height: 8, align: 'center', codePage: 16 });
    expect(findText(commands, 'Pää€')?.style).toMatchObject({ width: 1, height: 1 });
    expect(commands.filter((c) => c.type.startsWith('qr'))).toEqual([
      { type: 'qrModel', model: 2 },
      { type: 'qrModuleSize', size: 6 },
      { type: 'qrCorrection', level: 'M' },
      { type: 'qrStore', data: 'https://hall.example/t/abc' },
      { type: 'qrPrint' },
    ]);
    expect(commands[commands.length - 1]).toEqual({ type: 'cut', mode: 'full', feed: 0 });
    expect(textLines(commands)).toEqual(['A012', 'Pää€']);
  });

  it('gives the same commands whatever way the stream is split into chunks', () => {
    const whole = parseEscPos(SAMPLE);
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const parser = new EscPosParser();
      const pieces = [];
      for (let at = 0; at < SAMPLE.length; at += size) pieces.push(...parser.push(SAMPLE.subarray(at, at + size)));
      pieces.push(...parser.end());
      expect(pieces, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('resynchronises after unknown bytes and never throws on noise', () => {
    const noise = Buffer.from([0x00, 0x1b, 0x99, 0x07, 0x1d, 0xee, 0x10, 0x05, 0x1c]);
    const commands = parseEscPos(Buffer.concat([noise, Buffer.from('OK\n'), Buffer.from([0x10, 0x04, 0x04])]));
    expect(commands.filter((c) => c.type === 'unknown').length).toBeGreaterThanOrEqual(4);
    expect(textLines(commands)).toEqual(['OK']);
    expect(commands[commands.length - 1]).toEqual({ type: 'statusQuery', n: 4 });
    for (let seed = 1; seed <= 50; seed += 1) {
      const random = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 7919 * seed + seed * 31) & 0xff));
      expect(() => parseEscPos(random)).not.toThrow();
    }
  });

  it('reports DLE EOT status queries as soon as their three bytes have arrived', () => {
    const parser = new EscPosParser();
    expect(parser.push(Buffer.from([0x10, 0x04]))).toEqual([]);
    expect(parser.push(Buffer.from([0x02]))).toEqual([{ type: 'statusQuery', n: 2 }]);
  });

  it('reads partial and feed-then-cut variants of GS V', () => {
    expect(parseEscPos(Buffer.from([0x1d, 0x56, 0x01, 0x1d, 0x56, 0x42, 0x03]))).toEqual([
      { type: 'cut', mode: 'partial', feed: 0 },
      { type: 'cut', mode: 'partial', feed: 3 },
    ]);
  });

  it('tracks ESC ! print modes and resets the style on ESC @', () => {
    const commands = parseEscPos(Buffer.from([0x1b, 0x21, 0x38, 0x41, 0x1b, 0x40, 0x42]));
    expect(findText(commands, 'A')?.style).toMatchObject({ bold: true, width: 2, height: 2 });
    expect(findText(commands, 'B')?.style).toMatchObject({ bold: false, width: 1, height: 1, codePage: 0 });
  });
});
