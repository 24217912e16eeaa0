import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import express from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/index.js';
import { CatalogueEntryInput, CentralLiveQuery, CentralStatsQuery, LoginRequest, NewCentralUser, NewHall, ShipBatch, type CentralInfo, type StatsFigures, type UserView } from '../protocol/index.js';
import { bearerToken } from '../http/auth.js';
import { objectsToCsv, toCsv, type CsvValue } from '../stats/csv.js';
import type { CentralAuth } from './centralAuth.js';
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
/** Refused credentials per client address and minute before central answers 429 without looking. */
const MAX_REFUSALS = 20;
const REFUSAL_WINDOW_MS = 60_000;

/** Counts refused credentials per client address: guessing hall credentials is slowed down, real halls are not. */
function refusalLimiter(now: () => number) {
  const seen = new Map<string, number[]>();
  const recent = (ip: string) => (seen.get(ip) ?? []).filter((t) => now() - t < REFUSAL_WINDOW_MS);
  return {
    check(ip: string): void {
      if (recent(ip).length >= MAX_REFUSALS) throw new DomainError('too_many_requests', 'Too many refused credentials from this address. Wait a minute.');
    },
    refused(ip: string): void {
      if (seen.size > 10_000) seen.clear();
      seen.set(ip, [...recent(ip), now()]);
    },
  };
}

const wrap = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res, next) => {
  fn(req, res).catch(next);
};

/** The central API: sign-in, halls and credentials, users, the hall's event ingest and statistics across halls. */
export function centralRouter(s: CentralServices, now: () => number = Date.now): Router {
  const r = Router();
  const refusals = refusalLimiter(now);
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

  r.get('/central', wrap(async (_req, res) => {
    const info: CentralInfo = { mode: 'central', halls: (await s.halls.list()).length };
    res.json(info);
  }));
  r.get('/health', (_req, res) => void res.json({ status: 'ok', mode: 'central' }));

  r.post('/session', json, wrap(async (req, res) => {
    const { username, password } = LoginRequest.parse(req.body);
    res.status(201).json(await s.auth.login(username, password));
  }));
  r.get('/session', role('supervisor'), (_req, res) => void res.json({ user: userOf(res) }));
  r.delete('/session', wrap(async (req, res) => {
    const token = bearerToken(req);
    if (token) await s.auth.logout(token);
    res.status(204).end();
  }));

  r.get('/central/halls', role('supervisor'), wrap(async (_req, res) => void res.json(await s.halls.list())));
  r.post('/central/halls', role('admin'), json, wrap(async (req, res) => void res.status(201).json(await s.halls.register(NewHall.parse(req.body)))));
  r.post('/central/halls/:id/credential', role('admin'), wrap(async (req, res) => {
    res.status(201).json(await s.halls.rotate(HallId.parse(req.params.id)));
  }));
  r.get('/central/users', role('admin'), wrap(async (_req, res) => void res.json(await s.auth.list())));
  r.post('/central/users', role('admin'), json, wrap(async (req, res) => void res.status(201).json(await s.auth.create(NewCentralUser.parse(req.body)))));

  r.get('/central/catalogue', role('supervisor'), wrap(async (_req, res) => void res.json(await s.catalogue.all())));
  r.put('/central/catalogue/:id', role('admin'), json, wrap(async (req, res) => {
    res.json(await s.catalogue.put(HallId.parse(req.params.id), CatalogueEntryInput.parse(req.body), now()));
  }));

  r.post('/central/events', express.json({ limit: INGEST_BODY_LIMIT }), wrap(async (req, res) => {
    const ip = req.ip ?? '';
    refusals.check(ip);
    const token = bearerToken(req);
    const hall = token ? await s.halls.verify(token) : undefined;
    if (!hall) {
      refusals.refused(ip);
      throw new DomainError('unauthorized', 'This needs a valid hall credential (issued or rotated by the central admin).');
    }
    res.json(await s.ingest.ingest(hall, ShipBatch.parse(req.body)));
  }));

  r.get('/stats/summary', role('supervisor'), wrap(async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const sum = await s.stats.summary(userOf(res), q);
    if (q.format === 'json') return void res.json(sum);
    const row = (group: string, key: CsvValue, f: StatsFigures): CsvValue[] => [group, key, ...FIGURES.map((k) => f[k])];
    csv(res, `central-summary-${sum.from}-${sum.to}`, toCsv(['group', 'key', ...FIGURES], [
      row('total', '', sum.totals),
      ...sum.byHall.map((x) => row('hall', x.hallId, x)),
      ...sum.byService.map((x) => row('service', x.serviceId, x)),
      ...sum.byHallService.map((x) => row('hall-service', `${x.hallId}/${x.serviceId}`, x)),
    ]));
  }));
  r.get('/stats/daily', role('supervisor'), wrap(async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const rows = await s.stats.daily(userOf(res), q);
    if (q.format === 'json') return void res.json(rows);
    csv(res, 'central-daily', toCsv(['date', ...FIGURES], rows.map((d) => [d.date, ...FIGURES.map((k) => d[k])])));
  }));
  r.get('/stats/heatmap', role('supervisor'), wrap(async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const cells = await s.stats.heatmap(userOf(res), q);
    if (q.format === 'json') return void res.json(cells);
    csv(res, 'central-heatmap', objectsToCsv(['weekday', 'hour', 'arrivals', 'meanArrivals', 'meanWaitMs'], cells));
  }));
  r.get('/stats/live', role('supervisor'), wrap(async (req, res) => {
    const q = CentralLiveQuery.parse(req.query);
    const live = await s.stats.live(userOf(res), q);
    if (q.format === 'json') return void res.json(live);
    const cols = ['hallId', 'hallName', 'date', 'tickets', 'waitingNow', 'inServiceNow', 'done', 'longestWaitMs', 'meanWaitMs', 'serviceLevel', 'countersOpen', 'countersPaused', 'lastContactAt', 'lastEventAt', 'contact'] as const;
    csv(res, 'central-live', objectsToCsv([...cols], live.byHall));
  }));
  r.get('/stats/counters', role('supervisor'), wrap(async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const rows = await s.stats.counters(userOf(res), q);
    if (q.format === 'json') return void res.json(rows);
    const reasons = [...new Set(rows.flatMap((c) => Object.keys(c.pausedByReason)))].sort();
    const header = ['hallId', 'counterId', 'userId', 'openMs', 'servingMs', 'pausedMs', 'idleMs', ...reasons.map((x) => `paused:${x}`)];
    csv(res, 'central-counters', toCsv(header, rows.map((c) => [c.hallId, c.counterId, c.userId, c.openMs, c.servingMs, c.pausedMs, c.idleMs, ...reasons.map((x) => c.pausedByReason[x] ?? 0)])));
  }));
  r.get('/stats/feedback', role('supervisor'), wrap(async (req, res) => {
    const q = CentralStatsQuery.parse(req.query);
    const fb = await s.stats.feedback(userOf(res), q);
    if (q.format === 'json') return void res.json(fb);
    csv(res, 'central-feedback', toCsv(['hallId', 'ratings', 'meanRating', 'r1', 'r2', 'r3', 'r4', 'r5'], fb.byHall.map((h) => [h.hallId, h.ratings, h.meanRating, ...(h.distribution ?? [null, null, null, null, null])])));
  }));
  return r;
}

function csv(res: Response, name: string, body: string): void {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.send(body);
}
