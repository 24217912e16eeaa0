/**
 * When a screen asks again after the server refused a join or a snapshot for being asked too often
 * (`too_many_requests`). Any other refusal (an unknown display or kiosk id, a bad request) is not retried: asking
 * again would get the same answer, so the screen shows it.
 *
 * The delay honours what the server said (`details.retryAfterMs`, or `details.retryAfterSeconds`) and grows with each
 * refusal in a row (1 s, 2 s, 4 s … at most 60 s), so screens refused together do not come back together:
 * `jitter` (0..1, the caller's random number) adds up to a quarter of the delay. `retryDelayAfterRefusal` is pure (no
 * clock, no randomness); `RetryAfterRefusal` below holds a screen's count and timer around it.
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

/**
 * One screen's refusals in a row and its pending retry: what kiosk, display and counter screens keep around
 * `retryDelayAfterRefusal`. `refused` schedules the screen's own `again` (a join or a snapshot request, guarded as
 * the screen needs) after the delay for this refusal, replacing a retry already pending; `answered` starts the
 * backoff afresh; `cancel` forgets a pending retry (the socket disconnected or the screen closed: a new connection
 * joins anyway). Timers are the only clock it uses; `jitter` is the random number per refusal (Math.random unless given).
 */
export class RetryAfterRefusal {
  private refusals = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly jitter: () => number = Math.random) {}

  /** Schedules `again` and returns true, or returns false when this refusal is not retried (it stays on screen). */
  refused(error: RefusalLike, again: () => void): boolean {
    const delay = retryDelayAfterRefusal(error, this.refusals, this.jitter());
    if (delay === null) return false;
    this.refusals += 1;
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      again();
    }, delay);
    return true;
  }

  /** The server answered: the next refusal waits the shortest delay again. */
  answered(): void {
    this.refusals = 0;
  }

  /** Forgets the pending retry, if any. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
