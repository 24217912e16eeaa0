import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The kiosk and status page speak six languages; a missing key would show English or a raw key. */
const dir = path.resolve(import.meta.dirname, '../../kiosk-ui/src/i18n');
const REQUIRED = ['en', 'fi', 'sv', 'de', 'nl', 'fr'];

function load(lang: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Record<string, string>;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('kiosk and status page translations (also the speech catalogs)', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  const reference = load('en');

  it('has a catalog for each of the six languages', () => {
    expect(files.sort()).toEqual([...REQUIRED].sort());
  });

  for (const lang of REQUIRED) {
    it(`${lang} has every key of the English catalog and no other`, () => {
      const catalog = load(lang);
      expect(Object.keys(catalog).filter((k) => !(k in reference)), `extra keys in ${lang}.json`).toEqual([]);
      expect(Object.keys(reference).filter((k) => !(k in catalog)), `missing keys in ${lang}.json`).toEqual([]);
    });

    it(`${lang} uses the same placeholders as English and no empty texts`, () => {
      const catalog = load(lang);
      for (const [key, text] of Object.entries(reference)) {
        const translated = catalog[key] ?? '';
        expect(translated.trim(), `${lang}: ${key} is empty`).not.toBe('');
        expect(placeholders(translated), `${lang}: ${key}`).toEqual(placeholders(text));
      }
    });
  }
});
