import { describe, expect, it } from 'vitest';
import { CATALOGS, translate, type MessageKey } from './catalog.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('display message catalogs', () => {
  const reference = Object.keys(CATALOGS.en).sort();

  for (const [lang, catalog] of Object.entries(CATALOGS)) {
    it(`the ${lang} catalog has every key with the same placeholders as English`, () => {
      expect(Object.keys(catalog).sort()).toEqual(reference);
      for (const key of reference as MessageKey[]) {
        expect(catalog[key].trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(placeholders(catalog[key]), `${lang} ${key}`).toEqual(placeholders(CATALOGS.en[key]));
      }
    });
  }

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('fi', 'call.spoken', { number: 'A012', counter: '4' })).toBe('Numero A012, palvelupiste 4');
    expect(translate('en', 'waits.minutes')).toBe('about {minutes}\u00a0min');
  });
});
