import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fill, localize, translate, translator } from './index.js';

const catalogs = {
  en: { hello: 'Hello {name}', only: 'English only' },
  fi: { hello: 'Hei {name}' },
  sv: {},
  de: {},
  nl: {},
  fr: {},
} as unknown as Parameters<typeof translate<'hello' | 'only'>>[0];

describe('the catalog helpers shared by the screens', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{number} at {counter}', { number: 'A012', counter: 4 })).toBe('A012 at 4');
    expect(fill('{missing}', { other: 'x' })).toBe('{missing}');
    expect(fill('{n}', { n: undefined })).toBe('{n}');
  });

  it('translates in the language, falls back to English, then to the key', () => {
    expect(translate(catalogs, 'fi', 'hello', { name: 'Aino' })).toBe('Hei Aino');
    expect(translate(catalogs, 'fi', 'only')).toBe('English only');
    expect(translator(catalogs, 'sv')('hello', { name: 'Eva' })).toBe('Hello Eva');
  });

  it('localizes a configured text: the language, the fallback, then any text present', () => {
    type Text = Partial<Record<'en' | 'fi' | 'sv' | 'de', string>>;
    const text = (t: Text): Text => t;
    expect(localize(text({ fi: 'Passi', en: 'Passport' }), 'fi')).toBe('Passi');
    expect(localize(text({ en: 'Passport' }), 'sv')).toBe('Passport');
    expect(localize(text({ de: 'Pass' }), 'fi', 'sv')).toBe('Pass');
    expect(localize(null, 'fi')).toBe('');
  });

  it('is zod-free: only type imports reach outside the client folder, and nothing imports a package', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(`${dir}/${file}`, 'utf8');
      for (const m of source.matchAll(/^(import|export)\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        const [, , typeOnly, from = ''] = m;
        expect(from.startsWith('./') || typeOnly !== undefined, `${file}: ${m[0]}`).toBe(true);
      }
    }
  });
});
