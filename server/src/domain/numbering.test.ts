import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBERING, formatNumber, maxSequence, nextSequence } from './numbering.js';

const three = { digits: 3, maxDigits: 3 };

describe('ticket numbers', () => {
  it('the first ticket of the day is A001', () => {
    expect(formatNumber('A', nextSequence(0, DEFAULT_NUMBERING) ?? 0)).toBe('A001');
  });

  it('numbers are the prefix and at least three digits', () => {
    expect(formatNumber('A', 42)).toBe('A042');
    expect(formatNumber('B', 999)).toBe('B999');
    expect(formatNumber('KV', 7)).toBe('KV007');
    expect(formatNumber('A', 1000)).toBe('A1000');
    expect(formatNumber('A', 7, 4)).toBe('A0007');
  });

  it('the sequence counts up by one', () => {
    expect(nextSequence(1, DEFAULT_NUMBERING)).toBe(2);
    expect(nextSequence(998, DEFAULT_NUMBERING)).toBe(999);
  });

  it('after 999 the number widens to four digits, and wraps to 1 only after 9999', () => {
    expect(maxSequence(DEFAULT_NUMBERING)).toBe(9999);
    expect(nextSequence(999, DEFAULT_NUMBERING)).toBe(1000);
    expect(formatNumber('A', nextSequence(999, DEFAULT_NUMBERING) ?? 0)).toBe('A1000');
    expect(nextSequence(9999, DEFAULT_NUMBERING)).toBe(1);
  });

  it('with three digits at most the sequence wraps after 999', () => {
    expect(nextSequence(999, three)).toBe(1);
  });

  it('a number still in use is skipped, never given twice', () => {
    const active = new Set([1, 2, 4]);
    expect(nextSequence(999, three, (s) => active.has(s))).toBe(3);
    expect(nextSequence(3, three, (s) => active.has(s))).toBe(5);
  });

  it('when every number is in use there is none to give', () => {
    expect(nextSequence(5, { digits: 2, maxDigits: 2 }, () => true)).toBeNull();
  });

  it('a corrupt last sequence above the maximum or below zero restarts at 1', () => {
    expect(nextSequence(100000, DEFAULT_NUMBERING)).toBe(1);
    expect(nextSequence(-1, DEFAULT_NUMBERING)).toBe(1);
  });
});
