import { describe, expect, it } from 'vitest';
import { alternateSpellings, ftsMatch, normaliseSearchText, reviewOverdue, searchTerms } from './searchText.js';

describe('search text normalisation', () => {
  it('folds case, accents and ligatures so every spelling of a word is one word', () => {
    expect(normaliseSearchText('Führerschein')).toBe('fuhrerschein');
    expect(normaliseSearchText('FÜHRERSCHEIN')).toBe('fuhrerschein');
    expect(normaliseSearchText('Straße, Œuvre, Ørsted, Łódź')).toBe('strasse oeuvre orsted lodz');
    expect(normaliseSearchText('Hämeenlinna – café ')).toBe('hameenlinna cafe');
    expect(normaliseSearchText('  "passport"*  OR  (renew) ')).toBe('passport or renew');
  });

  it('spells umlauts the German way as alternates, and nothing for words without them', () => {
    expect(alternateSpellings('Der Führerschein, die Gebühr')).toBe('fuehrerschein gebuehr');
    expect(alternateSpellings('Passport')).toBe('');
    expect(alternateSpellings('Åland')).toBe('aaland');
  });

  it('makes every term a quoted prefix that FTS5 cannot misread as syntax', () => {
    expect(ftsMatch('pass ren')).toBe('"pass"* "ren"*');
    expect(ftsMatch('NEAR(a b) OR "x" AND -y *')).toBe('"near"* "a"* "b"* "or"* "x"* "and"* "y"*');
    expect(ftsMatch('pass ren', 'any')).toBe('"pass"* OR "ren"*');
    expect(ftsMatch('  !!! ')).toBeNull();
    expect(searchTerms('a a b')).toEqual(['a', 'b']);
    expect(searchTerms('1 2 3 4 5 6 7 8 9 10 11 12 13 14')).toHaveLength(12);
  });

  it('counts an article overdue only after the configured number of days', () => {
    const day = 86_400_000;
    expect(reviewOverdue(0, 365 * day, 365)).toBe(false);
    expect(reviewOverdue(0, 365 * day + 1, 365)).toBe(true);
  });
});
