import type { Language } from '@vuoro/server/protocol';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';
import de from './de.json';
import nl from './nl.json';
import fr from './fr.json';
import { fill, translate as translateIn, type Params } from '@vuoro/server/protocol/client';

export { fill, type Params };

/** Every key of the kiosk's catalogs; English is the reference, and a test checks the others have each key. */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, fi, sv, de, nl, fr };

/** The text for `key` in `lang` with `{placeholders}` filled; English when a text is missing. */
export function translate(lang: Language, key: MessageKey, params: Params = {}): string {
  return translateIn(CATALOGS, lang, key, params);
}


export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}
