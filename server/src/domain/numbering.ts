/**
 * Ticket numbers: the service prefix and at least `digits` digits (three by default), restarting every local day
 * per service. Past 10^digits − 1 the number widens (A999 → A1000) up to `maxDigits`; only past that does the
 * sequence wrap to 1. A number still in use (waiting, on call, served or parked) is never given again: the sequence
 * skips it.
 */

export interface NumberingRule {
  /** The shortest number: A001 with 3. */
  digits: number;
  /** The longest number before the sequence wraps: A9999 with 4. */
  maxDigits: number;
}

export const DEFAULT_NUMBERING: NumberingRule = { digits: 3, maxDigits: 4 };

/** The highest sequence number under the rule (9999 with four digits). */
export function maxSequence(rule: NumberingRule): number {
  return 10 ** Math.max(rule.digits, rule.maxDigits) - 1;
}

/**
 * The sequence after `lastSeq` whose number is not in use (`inUse` answers for a sequence number), or null when every
 * number of the rule is in use.
 */
export function nextSequence(lastSeq: number, rule: NumberingRule, inUse: (seq: number) => boolean = () => false): number | null {
  const max = maxSequence(rule);
  let seq = lastSeq >= max || lastSeq < 0 || !Number.isInteger(lastSeq) ? 0 : lastSeq;
  for (let tried = 0; tried < max; tried += 1) {
    seq = seq >= max ? 1 : seq + 1;
    if (!inUse(seq)) return seq;
  }
  return null;
}

export function formatNumber(prefix: string, seq: number, digits: number = DEFAULT_NUMBERING.digits): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}
