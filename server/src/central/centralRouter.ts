import { createHash } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { DomainError } from '../domain/index.js';
import { CatalogueEntryInput, CentralLiveQuery, CentralStatsQuery, LoginRequest, NewCentralUser, NewHall, ShipBatch, type StatsFigures, type UserView } from '../protocol/index.js';
import {
  CENTRAL_ROUTE_KEYS,
  CENTRAL_ROUTES,
  type CentralApiIndex,
  type CentralResponse,
  type CentralRouteDef,
  type CentralRouteKey,
} from '../protocol/client/index.js';
import { checkRoutesAgainstTable, localPath, register, registeredRoutes } from '../http/routeTable.js';
import { ClientRate } from '../http/clientRate.js';
import { signInRate } from '../http/signInRate.js';
import { bearerToken } from '../http/auth.js';
import { objectsToCsv, toCsv, type CsvValue } from '../stats/csv.js';
import { sha256, type CentralAuth } from './centralAuth.js';
import type { CatalogueStore } from './store/catalogueStore.js';
import type { CentralStats } from './centralStats.js';
import type { HallCredentials } from './hallCredentials.js';
import type { IngestService } from './ingest.js';

export interface CentralServices {
  auth: CentralAuth;
  catalogue: CatalogueStore;
  halls: HallCredentials;
  ingest: IngestService;
  stats: CentralStats;
}

const FIGURES: readonly (keyof StatsFigures)[] = [
  'visits', 'called', 'meanWaitMs', 'maxWaitMs', 'meanWalkMs', 'meanTransactionMs', 'serviceLevel', 'done', 'noShows',
  'noShowRate', 'abandoned', 'cancelled', 'expired', 'abandonmentRate', 'firstContactResolution', 'transfers',
  'transferredVisits', 'recalls', 'legs', 'meanLegWaitMs', 'ratings', 'meanRating',
];

/** A shipped batch is at most SHIP_BATCH_MAX events of a few hundred bytes each. */
const INGEST_BODY_LIMIT = '4mb';
const HallId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
/** Public reads (the route list, "is this central?") and sign-ins per client address and minute, as the hall's defaults. */
const PUBLIC_READS_PER_MINUTE = 120;
const SIGN_INS_PER_MINUTE = 60;
/** Refused credentials per client address and minute before central answers 429 without looking. */
const MAX_REFUSALS = 20;
const REFUSAL_WINDOW_MS = 60_000;
/** How long a credential accepted from an address is still heard out from it past the refusal limit. */
const KNOWN_GOOD_MS = 86_400_000;

/**
 * Counts refused credentials per client address: guessing hall credentials is slowed down, real halls are not. Past
 * the limit a request is refused unheard unless it carries a credential that was accepted from the same address in
 * the last day (remembered as its hash, checked without a lookup), so a stranger behind the hall's NAT cannot stop
 * the hall shipping by sending bad credentials. Both maps are bounded LRUs.
 */
function refusalLimiter(now: () => number) {
  const seen = new LRUCache<string, number[]>({ max: 10_000 });
  const good = new LRUCache<string, Map<string, number>>({ max: 1_000 });
  const recent = (ip: string) => (seen.get(ip) ?? []).filter((t) => now() - t < REFUSAL_WINDOW_MS);
  const digest = (token: string) => createHash('sha256').update(token).digest('hex');
  return {
    check(ip: string, token: string | undefined): void {
      if (recent(ip).length < MAX_REFUSALS) return;
      const acceptedAt = token === undefined ? undefined : good.get(ip)?.get(digest(token));
      if (acceptedAt !== undefined && now() - acceptedAt < KNOWN_GOOD_MS) return;
      throw new DomainError('too_many_requests', 'Too many refused credentials from this address. Wait a minute.');
    },
    refused(ip: string): void {
      seen.set(ip, [...recent(ip), now()].slice(-MAX_REFUSALS));
    },
    accepted(ip: string, token: string): void {
      const hashes = good.get(ip) ?? new Map<string, number>();
      hashes.set(digest(token), now());
      // A few halls may ship from one address; keep the newest few credentials.
      while (hashes.size > 16) hashes.delete(hashes.keys().next().value ?? '');
      good.set(ip, hashes);
    },
  };
}

/** A CSV answer (for `format=csv`): the file name without `.csv` and its text. */
class CsvFile {
  constructor(
    readonly name: string,
    readonly body: string,
  ) {}
}

/** A handler of central route `K`: answers the route's typed result (sent as JSON with the route's status) or a CSV file. */
type Answer<K extends CentralRouteKey> = (req: Request, res: Response) => Promise<CentralResponse<K> | CsvFile>;

/** The central API: sign-in, halls and credentials, users, the hall's event ingest and statistics across halls. */
export function centralRouter(s: CentralServices, now: () => number = Date.now, log: (msg: string) => void = (msg) => console.error(msg)): Router {
  const r = Router();
  const refusals = refusalLimiter(now);
  // Every public route is bounded per address except health (a probe must always get through) and sign-out.
  const reads = new ClientRate(PUBLIC_READS_PER_MINUTE, now);
  const readLimit: RequestHandler = (req, _res, next) => {
    const taken = reads.take(req.ip ?? 'unknown');
    if (taken.ok) return void next();
    next(
      new DomainError('too_many_requests', `This address may read the public routes ${reads.perMinute} times a minute. Try again in ${taken.retryAfterSeconds} s.`, {
        retryAfterSeconds: taken.retryAfterSeconds,
      }),
    );
  };
  const signInLimit = signInRate(new ClientRate(SIGN_INS_PER_MINUTE, now), now, log);
  const role = (needed: 'supervisor' | 'admin'): RequestHandler => (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token) return void next(new DomainError('unauthorized', 'Sign in first: this needs a central back-office token.'));
    s.auth.verify(token).then((user) => {
      if (!user) return next(new DomainError('unauthorized', 'Your session has expired or this is not a back-office token. Sign in again.'));
      if (needed === 'admin' && user.role !== 'admin') return next(new DomainError('forbidden', 'This needs the admin role.'));
      res.locals.user = user;
      next();
    }, next);
  };
  const userOf = (res: Response) => res.locals.user as UserView;
  const json = express.json({ limit: '64kb' });

  /**
   * Registers the handler of a route of the central table: method and path from the table, the role check in front
   * of back-office routes, `before` (a body parser) next; the answer is sent with the route's first success status.
   */
  const on = <K extends CentralRouteKey>(key: K, answer: Answer<K>, before: RequestHandler[] = []): void => {
    const def: CentralRouteDef = CENTRAL_ROUTES[key];
    const guard = def.access === 'supervisor' || def.access === 'admin' ? [role(def.access)] : [];
    const status = def.ok?.[0] ?? 200;
    const handler: RequestHandler = (req, res, next) => {
      answer(req, res).then((value) => {
        if (value instanceof CsvFile) return csv(res, value.name, value.body);
        if (status === 204) return void res.status(204).end();
        res.status(status).json(value);
      }, next);
    };
    register(r, def.method, localPath(def), [...guard, ...before, handler]);
  };

  const index: CentralApiIndex = {
    routes: CENTRAL_ROUTE_KEYS.map((key) => {
      const d: CentralRouteDef = CENTRAL_ROUTES[key];
      return { key, method: d.method, path: d.path, access: d.access, scope: null, what: d.summary };
    }),
  };
  on('apiIndex', () => Promise.resolve(index), [readLimit]);
  on('centralInfo', async () => ({ mode: 'central', halls: (await s.halls.list()).length }), [readLimit]);
  on('health', () => Promise.resolve({ status: 'ok', mode: 'central' }));

  on('signIn', async (req) => {
    const { username, password } = LoginRequest.parse(req.body);
    return s.auth.login(username, password);
  }, [signInLimit, json]);
  on('whoAmI', (_req, res) => Promise.resolve({ user: userOf(res) }));
  on('signOut', async (req) => {
    const token = bearerToken(req);
    if (token) await s.auth.logout(token);
    return null;
  });

  on('halls', () => s.halls.list());
  on('registerHall', (req) => s.halls.register(NewHall.parse(req.body)), [json]);
  on('rotateHallCredential', (req) => s.halls.rotate(HallId.parse(req.params.id)));
  on('users', () => s.auth.list());
  on('createUser', (req) => s.auth.create(NewCentralUser.parse(req.body)), [json]);

  on('catalogue', () => s.catalogue.all());
  on('putCatalogueEntry', (req) => s.catalogue.put(HallId.parse(req.params.id), CatalogueEntryInput.parse(req.body), now()), [json]);

  // The body is read before the credential is checked, as before: a refused hall learns nothing from the order.
  on('shipEvents', async (req) => {
    const ip = req.ip ?? '';
    const token = bearerToken(req);
    refusals.check(ip, token ?? undefined);
    const hall = token ? await s.halls.verify(token) : undefined;
    if (!hall) {
      refusals.refused(ip);
      throw new DomainError('unauthorized', 'This needs a valid hall credential (issued or rotated by the central admin).');
    }
    refusals.accepted(ip, token ?? '');
    return s.ingest.ingest(hall, ShipBatch.parse(req.body));
  }, [express.json({ limit: INGEST_BODY_LIMIT })]);

  on('statsSummary', async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const sum = await s.stats.summary(userOf(res), q);
    if (q.format === 'json') return sum;
    const row = (group: string, key: CsvValue, f: StatsFigures): CsvValue[] => [group, key, ...FIGURES.map((k) => f[k])];
    return new CsvFile(`central-summary-${sum.from}-${sum.to}`, toCsv(['group', 'key', ...FIGURES], [
      row('total', '', sum.totals),
      ...sum.byHall.map((x) => row('hall', x.hallId, x)),
      ...sum.byService.map((x) => row('service', x.serviceId, x)),
      ...sum.byHallService.map((x) => row('hall-service', `${x.hallId}/${x.serviceId}`, x)),
    ]));
  });
  on('statsDaily', async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const rows = await s.stats.daily(userOf(res), q);
    if (q.format === 'json') return rows;
    return new CsvFile('central-daily', toCsv(['date', ...FIGURES], rows.map((d) => [d.date, ...FIGURES.map((k) => d[k])])));
  });
  on('statsHeatmap', async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const cells = await s.stats.heatmap(userOf(res), q);
    if (q.format === 'json') return cells;
    return new CsvFile('central-heatmap', objectsToCsv(['weekday', 'hour', 'arrivals', 'meanArrivals', 'meanWaitMs'], cells));
  });
  on('statsLive', async (req, res) => {
    const q = CentralLiveQuery.parse(req.query);
    const live = await s.stats.live(userOf(res), q);
    if (q.format === 'json') return live;
    const cols = ['hallId', 'hallName', 'date', 'tickets', 'waitingNow', 'inServiceNow', 'done', 'longestWaitMs', 'meanWaitMs', 'serviceLevel', 'countersOpen', 'countersPaused', 'lastContactAt', 'lastEventAt', 'contact'] as const;
    return new CsvFile('central-live', objectsToCsv([...cols], live.byHall));
  });
  on('statsCounters', async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const rows = await s.stats.counters(userOf(res), q);
    if (q.format === 'json') return rows;
    const reasons = [...new Set(rows.flatMap((c) => Object.keys(c.pausedByReason)))].sort();
    const header = ['hallId', 'counterId', 'userId', 'openMs', 'servingMs', 'pausedMs', 'idleMs', ...reasons.map((x) => `paused:${x}`)];
    return new CsvFile('central-counters', toCsv(header, rows.map((c) => [c.hallId, c.counterId, c.userId, c.openMs, c.servingMs, c.pausedMs, c.idleMs, ...reasons.map((x) => c.pausedByReason[x] ?? 0)])));
  });
  on('statsFeedback', async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const fb = await s.stats.feedback(userOf(res), q);
    if (q.format === 'json') return fb;
    return new CsvFile('central-feedback', toCsv(['hallId', 'ratings', 'meanRating', 'r1', 'r2', 'r3', 'r4', 'r5'], fb.byHall.map((h) => [h.hallId, h.ratings, h.meanRating, ...(h.distribution ?? [null, null, null, null, null])])));
  });
  checkRoutesAgainstTable(registeredRoutes(r), CENTRAL_ROUTES);
  return r;
}

function csv(res: Response, name: string, body: string): void {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.send(body);
}
