import type { RequestHandler } from 'express';
import { DomainError } from '../domain/index.js';
import type { Services } from '../services/index.js';
import { apiKeyOf, bearerToken } from './auth.js';
import type { ClientRate } from './clientRate.js';
import { ROUTES } from '../protocol/client/routes.js';
import { localPath } from './routeTable.js';

/**
 * The public read routes without a limit of their own. No screen uses them (screens get the same through their
 * socket): integrators, browsers, the booking page's list of services.
 */
export const PUBLIC_READ_ROUTES = ['apiIndex', 'openApi', 'asyncApi', 'hall', 'services', 'counters', 'appointmentServices'] as const;
const PUBLIC_READS = new Set(PUBLIC_READ_ROUTES.map((key) => localPath(ROUTES[key])));

/**
 * These answer anyone, so each client address may ask them `rate.perMinute` times a minute (then 429 with Retry-After). A staff session or an API key is not limited here (a key
 * has its own rate). Health routes are not limited: probes must always get through.
 */
export function publicReadRate(s: Services, rate: ClientRate): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || !PUBLIC_READS.has(req.path)) {
      next();
      return;
    }
    const token = bearerToken(req);
    if (apiKeyOf(res) || (token !== undefined && s.auth.verify(token))) {
      next();
      return;
    }
    const r = rate.take(req.ip ?? 'unknown');
    if (r.ok) {
      next();
      return;
    }
    next(
      new DomainError('too_many_requests', `This address may read the public routes ${rate.perMinute} times a minute. Try again in ${r.retryAfterSeconds} s.`, {
        retryAfterSeconds: r.retryAfterSeconds,
      }),
    );
  };
}
