import type { Language, LocalizedText } from '@vuoro/server/protocol';
import { localize, translate as translateIn } from '@vuoro/server/protocol/client';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';
import de from './de.json';
import nl from './nl.json';
import fr from './fr.json';

/** The display's message catalogs: one flat JSON file per language, English being the reference. */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;
export type Params = Readonly<Partial<Record<'number' | 'counter' | 'service' | 'minutes' | 'ahead', string | number>>>;

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, fi, sv, de, nl, fr };

/** The text of `key` in `lang` with its `{placeholders}` filled; English when the language lacks the key. */
export function translate(lang: Language, key: MessageKey, params: Params = {}): string {
  return translateIn(CATALOGS, lang, key, params);
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translatorFor(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}

/** Picks a configured text in `lang`, then in `fallback`, then any text present. */
export function pickText(text: LocalizedText | null | undefined, lang: Language, fallback: Language): string {
  return localize(text, lang, fallback);
}
