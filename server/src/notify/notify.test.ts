import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../protocol/index.js';
import { maskEmail, maskPhone, normaliseEmail, normalisePhone } from './contact.js';
import { MessageTexts } from './messageText.js';
import { DEFAULT_NOTIFY_OPTIONS, nextAttemptAt } from './notifyOptions.js';

describe('notification helpers', () => {
  it('retries back off from the base delay, doubling to the cap, with 50–100 % jitter, and give up', () => {
    const o = { ...DEFAULT_NOTIFY_OPTIONS, retryBaseMs: 1000, retryMaxMs: 8000, maxAttempts: 6, giveUpAfterMs: 60_000 };
    expect(nextAttemptAt(1, 0, 0, o, 1)).toBe(1000);
    expect(nextAttemptAt(1, 0, 0, o, 0)).toBe(500);
    expect(nextAttemptAt(2, 0, 0, o, 1)).toBe(2000);
    expect(nextAttemptAt(5, 0, 0, o, 1)).toBe(8000);
    expect(nextAttemptAt(6, 0, 0, o, 1)).toBeNull();
    expect(nextAttemptAt(2, 0, 60_000, o, 1)).toBeNull();
  });

  it('phone numbers become E.164 (with the hall\'s country code for a leading 0); anything else is refused', () => {
    expect(normalisePhone('+358 40 123 4567')).toBe('+358401234567');
    expect(normalisePhone('00358-40-123-4567')).toBe('+358401234567');
    expect(normalisePhone('040 123 4567', '+358')).toBe('+358401234567');
    expect(() => normalisePhone('040 123 4567')).toThrow(/country code/);
    for (const bad of ['', '12ab34', '+0123456789', '+12', '+1234567890123456', '0401234567; DROP']) {
      expect(() => normalisePhone(bad, '+358'), bad).toThrow(/mobile number/);
    }
    expect(maskPhone('+358401234567')).toBe('+358 ••• ••67');
  });

  it('email addresses are checked and masked', () => {
    expect(normaliseEmail('  jane@example.org ')).toBe('jane@example.org');
    for (const bad of ['jane', 'jane@', '@example.org', 'a b@example.org', `${'a'.repeat(250)}@example.org`]) {
      expect(() => normaliseEmail(bad), bad).toThrow(/email address/);
    }
    expect(maskEmail('jane.doe@example.org')).toBe('j•••@example.org');
  });

  it('every kind of message has its text in all six languages, filled in', () => {
    const texts = new MessageTexts();
    const ctx = { hall: { en: 'Riverside', fi: 'Joenranta' }, service: { en: 'Passports' }, link: 'https://q.example/t/abc', fallback: 'en' as const };
    for (const lang of LANGUAGES) {
      for (const [kind, params] of [
        ['ahead', { number: 'A012', ahead: 3 }],
        ['ahead', { number: 'A012', ahead: 0 }],
        ['called', { number: 'A012', counter: '4' }],
        ['recalled', { number: 'A012', counter: '4' }],
      ] as const) {
        const m = texts.render(lang, kind, params, ctx);
        expect(m.text, `${lang} ${kind}`).toContain('A012');
        expect(m.text).not.toMatch(/\{\w+\}/);
        expect(m.title).toContain('A012');
        expect(m.long).toContain('https://q.example/t/abc');
        if (kind !== 'ahead') expect(m.text).toContain('4');
      }
    }
    for (const lang of LANGUAGES) {
      const skipped = texts.render(lang, 'skipped', { number: 'R004', graceMinutes: 15 }, ctx);
      const expired = texts.render(lang, 'expired', { number: 'R004' }, ctx);
      const reminder = texts.render(lang, 'reminder', { number: '', date: 'D-DAY', time: '10:30' }, ctx);
      for (const m of [skipped, expired, reminder]) {
        expect(m.text, lang).not.toMatch(/\{\w+\}/);
        expect(m.title, lang).not.toMatch(/\{\w+\}/);
        expect(m.long, lang).not.toMatch(/\{\w+\}/);
        expect(m.long, lang).toContain('https://q.example/t/abc');
      }
      expect(skipped.text, lang).toContain('R004');
      expect(skipped.text, lang).toContain('15');
      expect(expired.text, lang).toContain('R004');
      expect(reminder.text, lang).toContain('D-DAY');
      expect(reminder.text, lang).toContain('10:30');
      expect(reminder.title, lang).toContain('10:30');
      // Every language has its own text (no English left in another catalog).
      if (lang !== 'en') expect(skipped.text).not.toBe(texts.render('en', 'skipped', { number: 'R004', graceMinutes: 15 }, ctx).text);
    }
    expect(texts.render('en', 'ahead', { number: 'A012', ahead: 0 }, ctx).text).toContain('you are next');
    expect(texts.render('fi', 'called', { number: 'A012', counter: '4' }, ctx).title).toBe('Joenranta: vuoronumero A012');
  });
});
