import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { DomainError } from '../domain/index.js';
import { bearerToken } from '../http/auth.js';
import { routesOn } from '../http/routeTable.js';
import { hasRole, type Services } from '../services/index.js';
import type { Health } from './health.js';
import type { Metrics } from './metrics.js';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The scraper's key (VUORO_METRICS_TOKEN) or an admin's session token. */
export function metricsAccess(s: Services, metricsToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) return next(new DomainError('unauthorized', 'Metrics need a bearer token: VUORO_METRICS_TOKEN or an admin session.'));
    if (metricsToken && sameSecret(token, metricsToken)) return next();
    const user = s.auth.verify(token);
    if (!user) return next(new DomainError('unauthorized', 'The token is not the metrics key and not a valid session.'));
    if (!hasRole(user, 'admin')) return next(new DomainError('forbidden', 'Metrics need the admin role or the metrics key.'));
    next();
  };
}

/** GET /health (ready, with checks), /health/live, /health/ready; mounted under /api/v1. */
export function healthRouter(health: Health): Router {
  const r = Router();
  const ready: RequestHandler = (_req, res) => {
    const report = health.report();
    res.status(report.ready ? 200 : 503).json(report);
  };
  const on = routesOn(r, null);
  on('health', ready);
  on('healthReady', ready);
  on('healthLive', (_req, res) => {
    res.json({ status: 'live' });
  });
  return r;
}

/** GET /metrics in the Prometheus text format. */
export function metricsRouter(s: Services, metrics: Metrics, metricsToken: string | undefined): Router {
  const r = Router();
  r.get('/metrics', metricsAccess(s, metricsToken), async (_req, res) => {
    const text = await metrics.text();
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.contentType).send(text);
  });
  return r;
}
