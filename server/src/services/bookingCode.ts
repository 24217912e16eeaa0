import { CODE_ALPHABET, CODE_LENGTH } from '../protocol/index.js';

/**
 * A fresh code of CODE_LENGTH characters of CODE_ALPHABET (booking codes, remote arrival codes) from the injected
 * randomness, not yet taken. Rejection sampling keeps every character equally likely.
 */
export function newCode(token: (bytes: number) => string, taken: (code: string) => boolean): string {
  for (;;) {
    let code = '';
    while (code.length < CODE_LENGTH) {
      for (const byte of Buffer.from(token(24), 'base64url')) {
        if (byte < 248 && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
      }
    }
    if (!taken(code)) return code;
  }
}

/** "K7QFM2XD9P" → "K7QFM-2XD9P" (easier to read out and type). */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
