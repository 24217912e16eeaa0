/**
 * When a screen asks again after the server refused a join or a snapshot for being asked too often
 * (`too_many_requests`). Any other refusal (an unknown display or kiosk id, a bad request) is not retried: asking
 * again would get the same answer, so the screen shows it.
 *
 * The delay honours what the server said (`details.retryAfterMs`, or `details.retryAfterSeconds`) and grows with each
 * refusal in a row (1 s, 2 s, 4 s … at most 60 s), so screens refused together do not come back together:
 * `jitter` (0..1, the caller's random number) adds up to a quarter of the delay. Pure: no clock, no randomness.
 */
export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 60_000;

export interface RefusalLike {
  readonly code: string;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Milliseconds to wait before asking again, or null when this refusal is not to be retried. */
export function retryDelayAfterRefusal(error: RefusalLike, attempt: number, jitter: number): number | null {
  if (error.code !== 'too_many_requests') return null;
  const ms = error.details?.retryAfterMs;
  const seconds = error.details?.retryAfterSeconds;
  const told = typeof ms === 'number' && Number.isFinite(ms) ? ms : typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : 0;
  const backoff = RETRY_BASE_MS * 2 ** Math.min(Math.max(0, Math.floor(attempt)), 6);
  const delay = Math.min(RETRY_MAX_MS, Math.max(told, backoff));
  return Math.round(delay + delay * 0.25 * Math.min(1, Math.max(0, jitter)));
}
