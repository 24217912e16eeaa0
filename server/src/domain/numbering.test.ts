import { describe, expect, it } from 'vitest';
import { formatNumber, MAX_SEQ, nextSequence } from './numbering.js';

describe('ticket numbers', () => {
  it('the first ticket of the day is A001', () => {
    expect(formatNumber('A', nextSequence(0))).toBe('A001');
  });

  it('numbers are the prefix and three digits', () => {
    expect(formatNumber('A', 42)).toBe('A042');
    expect(formatNumber('B', 999)).toBe('B999');
    expect(formatNumber('KV', 7)).toBe('KV007');
  });

  it('the sequence counts up by one', () => {
    expect(nextSequence(1)).toBe(2);
    expect(nextSequence(998)).toBe(999);
  });

  it('after 999 the sequence wraps to 1', () => {
    expect(MAX_SEQ).toBe(999);
    expect(nextSequence(999)).toBe(1);
    expect(formatNumber('A', nextSequence(999))).toBe('A001');
  });

  it('a corrupt last sequence above the maximum or below zero restarts at 1', () => {
    expect(nextSequence(1000)).toBe(1);
    expect(nextSequence(-1)).toBe(1);
  });
});
