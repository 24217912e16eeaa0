import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholders } from './speechCatalog.js';
import { parseSpeechQuery, speakableNumber } from './speechQuery.js';

describe('speech texts', () => {
  it('reads a ticket number as its letters and the number without leading zeros, never as a word', () => {
    expect(speakableNumber('A012')).toBe('A12');
    expect(speakableNumber('KM100')).toBe('K-M100');
    expect(speakableNumber('B000')).toBe('B0');
    expect(speakableNumber('A1012')).toBe('A1012');
  });

  it('finds and fills the placeholders of a catalog text', () => {
    expect(placeholders('Number {number}, counter {counter}')).toEqual(['number', 'counter']);
    expect(fillTemplate('Number {number}, counter {counter}', { number: 'A 12', counter: '4' })).toBe('Number A 12, counter 4');
  });

  it('accepts only typed parameters, never free text', () => {
    expect(parseSpeechQuery({ app: 'kiosk', lang: 'fi', key: 'speech.confirmScreen', number: 'A012', ahead: '3' })).toMatchObject({
      number: 'A012',
      ahead: 3,
    });
    expect(() => parseSpeechQuery({ app: 'kiosk', lang: 'fi', key: 'speech.on', text: 'say this' })).toThrow();
    expect(() => parseSpeechQuery({ app: 'kiosk', lang: 'fi', key: 'speech.on', number: 'A1' })).toThrow(/number/);
    expect(() => parseSpeechQuery({ app: 'kiosk', lang: 'fi', key: 'speech.on', number: 'A1234567' })).toThrow(/number/);
    expect(() => parseSpeechQuery({ app: 'kiosk', lang: 'fi', key: '../../etc/passwd' })).toThrow(/key/);
    expect(() => parseSpeechQuery({ app: 'kiosk', lang: 'fi', key: 'speech.on', minutes: '5000' })).toThrow(/minutes/);
  });
});
