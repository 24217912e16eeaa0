import type { Language } from '../vocabulary.js';

/** Values for a catalog text's `{placeholders}`; an undefined value leaves its placeholder visible. */
export type Params = Readonly<Record<string, string | number | undefined>>;

/** Replaces each `{name}` in a catalog text; unknown names stay visible rather than vanish. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** One flat message catalog per language; English is the reference every other catalog must match. */
export type Catalogs<K extends string> = Readonly<Record<Language, Readonly<Record<K, string>>>>;

/** The text of `key` in `lang` with its placeholders filled; English when the language lacks it, then the key. */
export function translate<K extends string>(catalogs: Catalogs<K>, lang: Language, key: K, params: Params = {}): string {
  const template = (catalogs[lang][key] as string | undefined) ?? (catalogs.en[key] as string | undefined) ?? key;
  return fill(template, params);
}

/** A translate function bound to one language of `catalogs`. */
export function translator<K extends string>(catalogs: Catalogs<K>, lang: Language): (key: K, params?: Params) => string {
  return (key, params) => translate(catalogs, lang, key, params);
}
