import type { RequestHandler } from 'express';
import { DomainError } from '../domain/index.js';
import type { ClientRate } from './clientRate.js';

/** The visitor routes that look a ticket up by its status token (`/tickets/status/:token` and its sub-routes). */
const TOKEN_ROUTE = /^\/tickets\/status\/[^/]+(\/|$)/;

/**
 * Bounds scanning for visitors' status tokens without touching visitors: only lookups answered 404 (a token that does
 * not exist) are counted, `rate.perMinute` a minute per client address; past that the address gets 429 with
 * Retry-After on these routes until its budget refills. Visitors whose phones share one guest-Wi-Fi NAT address hold
 * real tokens, so their lookups never count, and a hit neither counts nor is refused while budget remains.
 * Refusals are logged once a minute with a count.
 */
export function tokenMissRate(rate: ClientRate, clock: () => number, log: (msg: string) => void): RequestHandler {
  let lastReport = -Infinity;
  let refused = 0;
  return (req, res, next) => {
    if (!TOKEN_ROUTE.test(req.path)) {
      next();
      return;
    }
    const address = req.ip ?? 'unknown';
    const r = rate.peek(address);
    if (!r.ok) {
      refused += 1;
      const now = clock();
      if (now - lastReport >= 60_000) {
        log(`visitor status: ${refused} lookup(s) refused since the last report: more than ${rate.perMinute} unknown tokens a minute from one address (last ${address})`);
        lastReport = now;
        refused = 0;
      }
      next(
        new DomainError('too_many_requests', `Too many unknown ticket links from this address. Try again in ${r.retryAfterSeconds} s.`, {
          retryAfterSeconds: r.retryAfterSeconds,
        }),
      );
      return;
    }
    res.on('finish', () => {
      if (res.statusCode === 404) rate.take(address);
    });
    next();
  };
}
