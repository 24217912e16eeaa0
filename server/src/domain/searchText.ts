/**
 * Search text for the knowledge base, pure. Indexed text and queries go through the same normalisation, so
 * "fuhrerschein", "FÜHRERSCHEIN" and "Führerschein" are one word; German readers who type "fuehrerschein" find it
 * too, through the alternate spellings indexed next to the text.
 */

const LIGATURES: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ı: 'i' };
const TRANSCRIPTIONS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa' };
const MAX_TERMS = 12;

/** Lower case, ligatures spelled out, accents removed, anything but letters and digits a single space. */
export function normaliseSearchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøđłþı]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The other spellings of words with umlauts ("Führerschein" → "fuehrerschein"), space-separated, or ''. */
export function alternateSpellings(text: string): string {
  const words = text.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]*[äöüå][\p{L}\p{N}]*/gu) ?? [];
  const alts = new Set(words.map((w) => normaliseSearchText(w.replace(/[äöüå]/g, (c) => TRANSCRIPTIONS[c] ?? c))));
  return [...alts].join(' ');
}

/** The terms of a query, normalised, at most twelve. */
export function searchTerms(query: string): string[] {
  const terms = normaliseSearchText(query).split(' ').filter((t) => t.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/**
 * An FTS5 MATCH expression: every term as a prefix, all required ("pass ren" finds "passport renewal").
 * Terms hold letters and digits only, so quoting them is safe. `null` when there is nothing to search for.
 */
export function ftsMatch(query: string, mode: 'all' | 'any' = 'all'): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(mode === 'all' ? ' ' : ' OR ');
}

/** Whether an article last reviewed at `reviewedAt` is overdue for review at `now`. */
export function reviewOverdue(reviewedAt: number, now: number, reviewAfterDays: number): boolean {
  return now - reviewedAt > reviewAfterDays * 86_400_000;
}
