import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

const INCOMING_ID = /^[\w.:-]{1,64}$/;
/** Path segments that may be secrets (status tokens, clip hashes) are written as `:token`. */
const LONG_SEGMENT = /\/[A-Za-z0-9_-]{20,}(?=\/|$)/g;

/** The route a request matched (`/api/v1/tickets/status/:token`), never its raw path with a visitor's token in it. */
export function routeOf(req: Request, res: Response): string {
  return matchedRoute(req, res) ?? req.path.replace(LONG_SEGMENT, '/:token');
}

function matchedRoute(req: Request, res: Response): string | undefined {
  // A request answered before its route (an unknown visitor token) names the routes it was for.
  if (typeof res.locals.answeredFor === 'string') return res.locals.answeredFor;
  const route = (req as Request & { route?: { path?: unknown } }).route;
  // An error passed on with next(err) leaves the router and resets baseUrl; the mount point was noted on the way in.
  const base = typeof res.locals.routeBase === 'string' ? res.locals.routeBase : req.baseUrl;
  return route && typeof route.path === 'string' ? `${base}${route.path}` : undefined;
}

export interface AnsweredRequest {
  method: string;
  /** The route pattern, or `unmatched` for paths no route knows (so scanners cannot blow up metric labels). */
  route: string;
  status: number;
  durationMs: number;
}

export interface RequestLogOptions {
  /** Called for every answered request (metrics). */
  onAnswered?: (r: AnsweredRequest) => void;
  /** How often refused (429) requests of one route are summarised in one line; 60 s unless a test says otherwise. */
  refusedSummaryMs?: number;
}

/** Routes whose refusals are summarised separately; a flood of distinct raw paths past this shares one entry. */
const MAX_REFUSED_ROUTES = 200;

/**
 * Refused requests (429) are a flood's answers: one line each would make the flood a flood of log lines. The first
 * refusal of a route is written at once (`requests refused`, count 1); later ones are counted and written as one line
 * per route per period with their count (a timer writes the last count of a flood that stopped).
 */
function refusedSummary(logger: Logger, periodMs: number): (method: string, route: string) => void {
  const routes = new Map<string, { method: string; route: string; count: number; lastReport: number; timer: NodeJS.Timeout | null }>();
  const report = (e: { method: string; route: string; count: number; lastReport: number }, now: number) => {
    logger.info({ method: e.method, route: e.route, status: 429, count: e.count, periodSeconds: Math.round(periodMs / 1000) }, 'requests refused');
    e.count = 0;
    e.lastReport = now;
  };
  return (method, route) => {
    let key = `${method} ${route}`;
    if (!routes.has(key) && routes.size >= MAX_REFUSED_ROUTES) {
      key = 'other';
      route = 'other';
    }
    const now = performance.now();
    let e = routes.get(key);
    if (!e) {
      e = { method, route, count: 0, lastReport: -Infinity, timer: null };
      routes.set(key, e);
    }
    e.count += 1;
    if (now - e.lastReport >= periodMs) {
      report(e, now);
      return;
    }
    if (e.timer === null) {
      const entry = e;
      entry.timer = setTimeout(() => {
        entry.timer = null;
        if (entry.count > 0) report(entry, performance.now());
        else routes.delete(key);
      }, entry.lastReport + periodMs - now);
      entry.timer.unref();
    }
  };
}

/**
 * One line per request once it is answered: method, route, status, duration in ms and a request id (the client's
 * X-Request-Id when it sends a sane one, otherwise a new one, echoed in the answer). No headers, bodies or queries.
 * Refused requests (429) are summarised per route instead (see refusedSummary).
 */
export function requestLog(logger: Logger, opts: RequestLogOptions = {}): RequestHandler {
  const refused = refusedSummary(logger, opts.refusedSummaryMs ?? 60_000);
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const durationMs = Math.round(Number(process.hrtime.bigint() - start) / 10_000) / 100;
      const status = aborted && !res.writableFinished ? 499 : res.statusCode;
      const line = { requestId: id, method: req.method, route: routeOf(req, res), status, durationMs, ...userField(res) };
      if (status === 429) refused(req.method, line.route);
      else logger[status >= 500 ? 'error' : 'info'](line, 'request');
      opts.onAnswered?.({ method: req.method, route: matchedRoute(req, res) ?? 'unmatched', status, durationMs });
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(true));
    next();
  };
}

function userField(res: Response): { user?: string } {
  const user = res.locals.user as { username?: unknown } | undefined;
  return typeof user?.username === 'string' ? { user: user.username } : {};
}

/** Notes where a router is mounted (`/api/v1`), so the log names a failed request's route in full. */
export const noteRouteBase: RequestHandler = (req, res, next) => {
  res.locals.routeBase = req.baseUrl;
  next();
};
