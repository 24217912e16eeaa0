/**
 * Picks the text in `language`, falling back to `fallback`, then to any text present. Generic over the language
 * codes (rather than importing `Language`) so that protocol/vocabulary.ts can re-export it without an import cycle.
 */
export function localize<L extends string>(text: Readonly<Partial<Record<L, string>>> | null | undefined, language: L, fallback: L | 'en' = 'en'): string {
  if (!text) return '';
  const texts: Readonly<Partial<Record<string, string>>> = text;
  return texts[language] ?? texts[fallback] ?? Object.values(texts).find((t) => t !== undefined) ?? '';
}
