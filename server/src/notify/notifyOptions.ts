/** How the notifications worker sends: concurrency, timeouts, retries and how long it keeps what. */
export interface NotifyOptions {
  /** Messages being sent at once. */
  concurrency: number;
  /** A gateway that has not answered by then counts as failed (tried again). */
  timeoutMs: number;
  /** First retry delay; doubled after each failure up to `retryMaxMs`, times a random 50–100 %. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A message still not sent after this many attempts, or this long after it was queued, has failed for good. */
  maxAttempts: number;
  giveUpAfterMs: number;
  /** Safety poll, besides waking on every committed change and at the next due retry. */
  pollMs: number;
  /** Settled messages (sent, failed, dropped) are kept this long for the supervisor, then deleted. */
  historyMs: number;
  /** An opt-in is deleted this long after it was made even if its visit never ended (the scheduled purge). */
  contactMaxAgeMs: number;
}

export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  concurrency: 4,
  timeoutMs: 10_000,
  retryBaseMs: 5_000,
  retryMaxMs: 300_000,
  maxAttempts: 8,
  giveUpAfterMs: 3_600_000,
  pollMs: 5_000,
  historyMs: 7 * 24 * 3_600_000,
  contactMaxAgeMs: 24 * 3_600_000,
};

/** When a failed message is tried again, or null when it has failed for good. */
export function nextAttemptAt(attempt: number, createdAt: number, now: number, opts: NotifyOptions, random: number): number | null {
  if (attempt >= opts.maxAttempts || now - createdAt >= opts.giveUpAfterMs) return null;
  const delay = Math.min(opts.retryMaxMs, opts.retryBaseMs * 2 ** Math.min(attempt - 1, 30)) * (0.5 + random * 0.5);
  return Math.round(now + delay);
}
