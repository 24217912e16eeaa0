import type { Language } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';

/**
 * How a call is put into words and into recorded clips. Pure, so the clip layout documented in the README is
 * tested: `<lang>/number.wav`, then the letters (`a.wav` … `z.wav`) and digits (`0.wav` … `9.wav`) of the ticket
 * number, then `counter.wav` and the counter label's letters and digits. `recall.wav`, when present, opens a recall.
 */

export const CLIP_EXTENSION = 'wav';

/** "A012" → ["a", "1", "2"]: letters one by one, the number's digits without leading zeros. */
export function numberParts(number: string): string[] {
  const m = /^([A-Za-z]*)(\d*)$/.exec(number);
  if (!m) return characterParts(number);
  const letters = (m[1] ?? '').toLowerCase().split('').filter(Boolean);
  const digits = (m[2] ?? '').replace(/^0+(?=\d)/, '').split('').filter(Boolean);
  return [...letters, ...digits];
}

/** A counter label "12" or "B" spoken character by character; other characters are skipped. */
export function characterParts(label: string): string[] {
  return label.toLowerCase().split('').filter((ch) => /^[a-z0-9]$/.test(ch));
}

export function clipNames(number: string, counterLabel: string, recall: boolean): string[] {
  return [...(recall ? ['recall'] : []), 'number', ...numberParts(number), 'counter', ...characterParts(counterLabel)];
}

/** Where a display's recorded clip is served (GET /api/v1/displays/:id/clips/:lang/:file). */
export function clipUrl(displayId: string, lang: Language, name: string): string {
  return path('displayClip', { id: displayId, lang, file: `${name}.${CLIP_EXTENSION}` });
}

/** "A012" → "A 12": how a speech synthesizer should read a ticket number. */
export function speakableNumber(number: string): string {
  const m = /^([A-Za-z]*)0*(\d+)$/.exec(number);
  return m ? `${(m[1] ?? '').split('').join(' ')} ${m[2] ?? ''}`.trim() : number;
}

/** The hall's main language first, then the visitor's when it differs and the hall speaks it. */
export function languagesFor(ticketLanguage: Language, hallDefault: Language, hallLanguages: readonly Language[]): Language[] {
  return ticketLanguage !== hallDefault && hallLanguages.includes(ticketLanguage) ? [hallDefault, ticketLanguage] : [hallDefault];
}
