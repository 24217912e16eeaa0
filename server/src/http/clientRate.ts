/**
 * A token bucket per client address, on a monotonic clock (a wall-clock step neither refills nor empties it): up to
 * `perMinute` requests at once, refilled at `perMinute` a minute. Memory is bounded: past `maxClients` addresses the
 * longest-idle ones are forgotten (a forgotten address starts with a full bucket, which is what it would have by then).
 */
export class ClientRate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly clock: () => number,
    private readonly maxClients = 10_000,
  ) {}

  /** Whether `client` has a token left, without taking it (or how long until it has one). */
  peek(client: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const b = this.buckets.get(client);
    if (!b) return { ok: true };
    const rate = this.perMinute / 60_000;
    const tokens = Math.min(this.perMinute, b.tokens + (this.clock() - b.at) * rate);
    return tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
  }

  /** Takes one request's token, or says how long until the next one. */
  take(client: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(client);
    const tokens = b ? Math.min(this.perMinute, b.tokens + (now - b.at) * rate) : this.perMinute;
    this.buckets.delete(client);
    if (tokens < 1) {
      this.buckets.set(client, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
    }
    this.buckets.set(client, { tokens: tokens - 1, at: now });
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return { ok: true };
  }
}
