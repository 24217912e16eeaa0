import { describe, expect, it } from 'vitest';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';
import de from './de.json';
import nl from './nl.json';
import fr from './fr.json';
import { format } from './i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('counter message catalogs', () => {
  it.each(Object.entries({ fi, sv, de, nl, fr }))('%s has exactly the English keys, each with the same placeholders', (_lang, catalog) => {
    const c: Record<string, string> = catalog;
    expect(Object.keys(c).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) expect(placeholders(c[key] ?? ''), key).toEqual(placeholders(text));
  });

  it('format fills placeholders and leaves unknown ones visible', () => {
    expect(format('{number} called, waited {waited}', { number: 'A012', waited: '14 minutes' })).toBe('A012 called, waited 14 minutes');
    expect(format('{missing}')).toBe('{missing}');
  });
});
