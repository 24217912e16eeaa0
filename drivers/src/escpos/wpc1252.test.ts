import { describe, expect, it } from 'vitest';
import { decodeWpc1252, encodeWpc1252 } from './wpc1252.js';

describe('Windows-1252 encoding for code table 16', () => {
  it('encodes the letters of all six ticket languages to their single bytes', () => {
    const cases: Array<[string, number]> = [
      ['ä', 0xe4], ['ö', 0xf6], ['å', 0xe5], ['Ä', 0xc4], ['Ö', 0xd6], ['Å', 0xc5],
      ['ü', 0xfc], ['ß', 0xdf], ['é', 0xe9], ['è', 0xe8], ['ç', 0xe7], ['à', 0xe0],
      ['ê', 0xea], ['ë', 0xeb], ['ï', 0xef], ['ô', 0xf4], ['«', 0xab], ['»', 0xbb],
    ];
    for (const [char, byte] of cases) expect([...encodeWpc1252(char)], char).toEqual([byte]);
  });

  it('puts the euro sign at 0x80 and typographic quotes and dashes in the 0x80–0x9F block', () => {
    expect([...encodeWpc1252('€ „“ – — … ’')]).toEqual([
      0x80, 0x20, 0x84, 0x93, 0x20, 0x96, 0x20, 0x97, 0x20, 0x85, 0x20, 0x92,
    ]);
  });

  it('turns control characters into spaces so text cannot inject printer commands', () => {
    expect([...encodeWpc1252('A\x1b@B\x1dV\x00')]).toEqual([0x41, 0x20, 0x40, 0x42, 0x20, 0x56, 0x20]);
  });

  it('prints the narrow no-break space that locale time formats produce as a plain space', () => {
    expect(encodeWpc1252('9:41\u202fAM').toString('latin1')).toBe('9:41 AM');
  });

  it('drops accents it cannot print and replaces anything else with a question mark', () => {
    expect(encodeWpc1252('Ő ł 漢').toString('latin1')).toBe('O ? ?');
  });

  it('decodes what it encodes', () => {
    const text = 'Päivää! Grüße, À bientôt « 15 € » Åland';
    expect(decodeWpc1252(encodeWpc1252(text))).toBe(text);
  });
});
