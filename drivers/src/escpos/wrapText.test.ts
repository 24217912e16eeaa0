import { describe, expect, it } from 'vitest';
import { wrapText } from './wrapText.js';

describe('wrapText', () => {
  it('breaks between words so no line is longer than the width', () => {
    expect(wrapText('Bring a photo and your old passport', 12)).toEqual(['Bring a', 'photo and', 'your old', 'passport']);
  });

  it('splits a word longer than a line', () => {
    expect(wrapText('Ajoneuvorekisteröinti on', 10)).toEqual(['Ajoneuvore', 'kisteröint', 'i on']);
  });

  it('keeps line breaks the caller wrote and counts accented letters as one character', () => {
    expect(wrapText('Åäö åäö\nÉté', 7)).toEqual(['Åäö åäö', 'Été']);
  });
});
