/** Ticket numbers: prefix + three digits, restarting every local day per service, wrapping after 999. */

export const MAX_SEQ = 999;

export function nextSequence(lastSeq: number): number {
  return lastSeq >= MAX_SEQ || lastSeq < 0 ? 1 : lastSeq + 1;
}

export function formatNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}
