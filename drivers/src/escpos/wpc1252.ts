/**
 * Windows-1252 (ESC/POS code table 16, "WPC1252") encoder and decoder.
 * 0x00–0x7F is ASCII, 0xA0–0xFF equals Latin-1; only 0x80–0x9F differ.
 */
const HIGH_TABLE: ReadonlyArray<readonly [number, number]> = [
  [0x80, 0x20ac], // €
  [0x82, 0x201a], // ‚
  [0x83, 0x0192], // ƒ
  [0x84, 0x201e], // „
  [0x85, 0x2026], // …
  [0x86, 0x2020], // †
  [0x87, 0x2021], // ‡
  [0x88, 0x02c6], // ˆ
  [0x89, 0x2030], // ‰
  [0x8a, 0x0160], // Š
  [0x8b, 0x2039], // ‹
  [0x8c, 0x0152], // Œ
  [0x8e, 0x017d], // Ž
  [0x91, 0x2018], // '
  [0x92, 0x2019], // '
  [0x93, 0x201c], // "
  [0x94, 0x201d], // "
  [0x95, 0x2022], // •
  [0x96, 0x2013], // –
  [0x97, 0x2014], // —
  [0x98, 0x02dc], // ˜
  [0x99, 0x2122], // ™
  [0x9a, 0x0161], // š
  [0x9b, 0x203a], // ›
  [0x9c, 0x0153], // œ
  [0x9e, 0x017e], // ž
  [0x9f, 0x0178], // Ÿ
];

const BYTE_OF = new Map<number, number>(HIGH_TABLE.map(([byte, code]) => [code, byte]));
const CODE_OF = new Map<number, number>(HIGH_TABLE);

/** Spaces that locale formatters emit (e.g. U+202F before "PM" or in French numbers). */
const SPACE_LIKE = new Set([0x2007, 0x2009, 0x200a, 0x202f, 0x2002, 0x2003]);
const REPLACEMENT = 0x3f; // '?'

function byteFor(code: number): number | null {
  if (code >= 0x20 && code < 0x7f) return code;
  if (code >= 0xa0 && code <= 0xff) return code;
  return BYTE_OF.get(code) ?? null;
}

/**
 * Encodes text for code table 16. Control characters become spaces (so text can
 * never smuggle printer commands), locale spaces become ' ', accented letters
 * outside the table lose their accent (ő → o), anything else becomes '?'.
 */
export function encodeWpc1252(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? REPLACEMENT;
    const direct = byteFor(code);
    if (direct !== null) {
      out.push(direct);
    } else if (code < 0x20 || code === 0x7f || SPACE_LIKE.has(code)) {
      out.push(0x20);
    } else {
      const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const fallback = base.length === 1 ? byteFor(base.codePointAt(0) ?? REPLACEMENT) : null;
      out.push(fallback ?? REPLACEMENT);
    }
  }
  return Buffer.from(out);
}

/** Decodes bytes printed with code table 16 (undefined slots decode to U+FFFD). */
export function decodeWpc1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte < 0x80 || byte >= 0xa0) text += String.fromCharCode(byte);
    else text += String.fromCharCode(CODE_OF.get(byte) ?? 0xfffd);
  }
  return text;
}
