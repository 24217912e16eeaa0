/**
 * Sign-in throttling that an attacker cannot turn against the real user, and that parallel guessing cannot bypass.
 *
 * - Per (username, address): 5 failures within 15 minutes lock that pair, for 1 minute, doubling with each further
 *   lock up to 15 minutes. Other addresses are not affected, so guessing from one machine does not lock the owner out.
 * - Per username, across addresses: after 10 failures within 15 minutes the account is "slowed": from an address the
 *   user has never signed in from, one attempt per 30 seconds is let through; an address the user signed in from
 *   before (known-good) is not slowed, so the real user with the right password gets in.
 * - Per address, across usernames: 30 failures within 15 minutes lock the address for unknown pairs (password spraying).
 *
 * Atomic: `begin` counts the attempt as a failure before the (asynchronous) password check, so 40 guesses sent at once
 * are counted one by one as they arrive, and the 6th onwards is refused whatever its password. `succeed` takes the
 * reservation back. Pure bookkeeping: the caller passes `now` (a monotonic clock reading) and whether the address is known-good.
 */

export const PAIR_FAILURES = 5;
export const USER_FAILURES = 10;
export const ADDRESS_FAILURES = 30;
export const WINDOW_MS = 15 * 60_000;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const SLOWED_INTERVAL_MS = 30_000;

export type SignInRefusal =
  | { reason: 'pair-locked'; retryAfterMs: number }
  | { reason: 'account-slowed'; retryAfterMs: number }
  | { reason: 'address-locked'; retryAfterMs: number };

export interface SignInTicket {
  readonly username: string;
  readonly address: string;
  readonly at: number;
}

interface PairState {
  failures: number[];
  lockedUntil: number;
  locks: number;
}

export interface LockView {
  username: string;
  address: string;
  until: number;
}

export interface SlowedView {
  username: string;
  failures: number;
}

export class SignInGuard {
  private readonly pairs = new Map<string, PairState>();
  private readonly users = new Map<string, number[]>();
  private readonly addresses = new Map<string, number[]>();
  private readonly slowedNext = new Map<string, number>();

  /** Refuses, or reserves the attempt (counted as a failure until `succeed`). */
  begin(username: string, address: string, knownGood: boolean, now: number): SignInTicket | SignInRefusal {
    this.prune(now);
    const pair = this.pair(username, address);
    if (pair.lockedUntil > now) return { reason: 'pair-locked', retryAfterMs: pair.lockedUntil - now };
    if (!knownGood) {
      const byAddress = this.addresses.get(address) ?? [];
      if (byAddress.length >= ADDRESS_FAILURES) {
        return { reason: 'address-locked', retryAfterMs: (byAddress[0] ?? now) + WINDOW_MS - now };
      }
      const byUser = this.users.get(username) ?? [];
      if (byUser.length >= USER_FAILURES) {
        const next = this.slowedNext.get(username) ?? 0;
        if (next > now) return { reason: 'account-slowed', retryAfterMs: next - now };
        this.slowedNext.set(username, now + SLOWED_INTERVAL_MS);
      }
    }
    this.addFailure(username, address, pair, now);
    return { username, address, at: now };
  }

  /** The password was right: the reservation is taken back and the pair starts afresh. */
  succeed(t: SignInTicket): void {
    this.pairs.delete(key(t.username, t.address));
    remove(this.users.get(t.username), t.at);
    remove(this.addresses.get(t.address), t.at);
  }

  /** The password was wrong: the reservation stands (already counted in `begin`). */
  fail(_t: SignInTicket): void {}

  locks(now: number): LockView[] {
    const out: LockView[] = [];
    for (const [k, p] of this.pairs) {
      if (p.lockedUntil <= now) continue;
      const [username = '', address = ''] = k.split('\0');
      out.push({ username, address, until: p.lockedUntil });
    }
    return out;
  }

  slowed(now: number): SlowedView[] {
    this.prune(now);
    return [...this.users].filter(([, f]) => f.length >= USER_FAILURES).map(([username, f]) => ({ username, failures: f.length }));
  }

  private pair(username: string, address: string): PairState {
    const k = key(username, address);
    let p = this.pairs.get(k);
    if (!p) {
      p = { failures: [], lockedUntil: 0, locks: 0 };
      this.pairs.set(k, p);
    }
    return p;
  }

  private addFailure(username: string, address: string, pair: PairState, now: number): void {
    pair.failures.push(now);
    push(this.users, username, now);
    push(this.addresses, address, now);
    if (pair.failures.length >= PAIR_FAILURES) {
      pair.locks += 1;
      pair.lockedUntil = now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (pair.locks - 1));
      pair.failures = [];
    }
  }

  private prune(now: number): void {
    const old = now - WINDOW_MS;
    for (const [k, p] of this.pairs) {
      p.failures = p.failures.filter((t) => t > old);
      if (p.failures.length === 0 && p.lockedUntil <= now && p.lockedUntil + MAX_LOCK_MS * 2 < now) this.pairs.delete(k);
    }
    for (const m of [this.users, this.addresses]) {
      for (const [k, f] of m) {
        const kept = f.filter((t) => t > old);
        if (kept.length === 0) m.delete(k);
        else if (kept.length !== f.length) m.set(k, kept);
      }
    }
  }
}

function key(username: string, address: string): string {
  return `${username}\0${address}`;
}

function push(m: Map<string, number[]>, k: string, t: number): void {
  const f = m.get(k);
  if (f) f.push(t);
  else m.set(k, [t]);
}

function remove(list: number[] | undefined, t: number): void {
  if (!list) return;
  const i = list.lastIndexOf(t);
  if (i >= 0) list.splice(i, 1);
}
