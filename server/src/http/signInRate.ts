import type { RequestHandler } from 'express';
import { DomainError } from '../domain/index.js';
import type { ClientRate } from './clientRate.js';

/**
 * Sign-in requests one client address may send a minute, counted before anything else is done: above it the request
 * is refused without a password check, a directory round trip or a row in the attempts table, so a flood costs nearly
 * nothing (the sign-in guard's own refusals still write a row each). Real users never come near it. Refusals are
 * logged once a minute with a count.
 */
export function signInRate(rate: ClientRate, clock: () => number, log: (msg: string) => void): RequestHandler {
  let lastReport = -Infinity;
  let refused = 0;
  return (req, _res, next) => {
    const address = req.ip ?? 'unknown';
    const r = rate.take(address);
    if (r.ok) {
      next();
      return;
    }
    refused += 1;
    const now = clock();
    if (now - lastReport >= 60_000) {
      log(`sign-in: ${refused} request(s) refused before the password check since the last report: more than ${rate.perMinute} a minute from one address (last ${address})`);
      lastReport = now;
      refused = 0;
    }
    next(
      new DomainError('too_many_requests', `Too many sign-in attempts from this computer. Try again in ${r.retryAfterSeconds} seconds.`, {
        retryAfterSeconds: r.retryAfterSeconds,
        reason: 'address-rate',
      }),
    );
  };
}
