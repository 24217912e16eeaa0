import type { RequestHandler } from 'express';
import { DomainError } from '../domain/index.js';
import { unknownTicketLink } from '../services/ticketService.js';
import type { ClientRate } from './clientRate.js';

/** The visitor routes that look a ticket up by its status token (`/tickets/status/:token` and its sub-routes). */
const TOKEN_ROUTE = /^\/tickets\/status\/([^/]+)(\/|$)/;

/** What the token routes need to know about a token before any of them runs (TicketService.knowToken). */
export type KnowToken = (token: string) => 'ticket' | 'unknown' | 'known-unknown';

/**
 * Bounds scanning for visitors' status tokens without touching visitors. The token is looked up here, before the
 * route: a token no ticket has is answered 404 at once, by every token route alike. Only a miss that asked the
 * database counts, `rate.perMinute` a minute per client address, and it counts in the same turn as its lookup, so
 * requests sent in parallel cannot all slip under the budget; a token already known to be unknown (a thousand
 * parallel requests for one) is answered from memory and costs nothing. Past the budget the address gets 429 with
 * Retry-After on these routes until its budget refills. Visitors whose phones share one guest-Wi-Fi NAT address hold
 * real tokens, so their lookups never count, and a hit neither counts nor is refused while budget remains.
 * Refusals are logged once a minute with a count.
 */
export function tokenMissRate(rate: ClientRate, clock: () => number, log: (msg: string) => void, know: KnowToken): RequestHandler {
  let lastReport = -Infinity;
  let refused = 0;
  return (req, res, next) => {
    const m = TOKEN_ROUTE.exec(req.path);
    if (!m?.[1]) {
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
    let token: string;
    try {
      token = decodeURIComponent(m[1]);
    } catch {
      next(new DomainError('bad_request', 'This ticket link is malformed.'));
      return;
    }
    const known = know(token);
    if (known === 'ticket') {
      next();
      return;
    }
    if (known === 'unknown') rate.take(address);
    // One bounded name in logs and metrics for all of them, whatever follows the token.
    res.locals.answeredFor = `${req.baseUrl}/tickets/status/:token`;
    next(unknownTicketLink());
  };
}
