import type { Language, LocalizedText } from '@vuoro/server/protocol';

/**
 * Small helpers for the status page, which imports only types from the protocol so that a phone does not
 * download its validation library.
 */
export function pick(text: LocalizedText | null | undefined, lang: Language, fallback: Language): string {
  if (!text) return '';
  return text[lang] ?? text[fallback] ?? Object.values(text).find((x) => x !== undefined) ?? '';
}

/** A language named in itself ("Suomi", "Français"), from the browser's own data. */
export function autonym(lang: Language): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}
