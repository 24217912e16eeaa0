import { describe, expect, it } from 'vitest';
import { clipNames, clipUrl, languagesFor, numberParts, speakableNumber } from './spokenParts.js';

describe('spoken parts of a call', () => {
  it('reads a ticket number as its letters and its digits without leading zeros', () => {
    expect(numberParts('A012')).toEqual(['a', '1', '2']);
    expect(numberParts('KM100')).toEqual(['k', 'm', '1', '0', '0']);
    expect(numberParts('A000')).toEqual(['a', '0']);
  });

  it('names the clips of a call and of a recall in the documented layout', () => {
    expect(clipNames('A012', '4', false)).toEqual(['number', 'a', '1', '2', 'counter', '4']);
    expect(clipNames('B7', '12', true)).toEqual(['recall', 'number', 'b', '7', 'counter', '1', '2']);
    expect(clipUrl('hall', 'fi', 'counter')).toBe('/api/v1/displays/hall/clips/fi/counter.wav');
  });

  it('gives speech synthesis a number it reads naturally', () => {
    expect(speakableNumber('A012')).toBe('A 12');
    expect(speakableNumber('KM005')).toBe('K M 5');
  });

  it("speaks in the hall's language, and also in the visitor's when it differs", () => {
    expect(languagesFor('en', 'en', ['en', 'fi'])).toEqual(['en']);
    expect(languagesFor('fi', 'en', ['en', 'fi'])).toEqual(['en', 'fi']);
    expect(languagesFor('de', 'en', ['en', 'fi'])).toEqual(['en']);
  });
});
