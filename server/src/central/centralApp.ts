import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import type { CentralConfig } from '../config.js';
import { errorHandler, notFound } from '../http/errors.js';
import { appDist } from '../http/staticApps.js';
import { CentralAuth } from './centralAuth.js';
import { CentralProjector } from './centralProjector.js';
import { centralRouter } from './centralRouter.js';
import { CentralStats } from './centralStats.js';
import { HallCredentials } from './hallCredentials.js';
import { IngestService } from './ingest.js';
import { CatalogueStore } from './store/catalogueStore.js';
import { openCentralDb, type CentralDb } from './store/centralDb.js';
import { EventPartitions, monthOf } from './store/eventPartitions.js';

export interface CentralAppDeps {
  config: CentralConfig;
  now?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

export interface CentralApp {
  http: HttpServer;
  db: CentralDb;
  projector: CentralProjector;
  partitions: EventPartitions;
  /** Keeps next month's event partition ready and drops months beyond the retention; returns the dropped ones. */
  maintain(): Promise<string[]>;
  generatedAdminPassword: string | null;
  close(): Promise<void>;
}

/** How often the event partitions are looked after (and once shortly after start). */
const MAINTAIN_EVERY_MS = 6 * 3_600_000;
const MAINTAIN_FIRST_MS = 10_000;

/** How long after a stored batch the background projection and roll-up run (batches of many halls coalesce). */
const PROJECT_DELAY_MS = 500;

/** Composition of the central server: PostgreSQL, services, the API and the back office (counter-ui). */
export async function createCentralApp(deps: CentralAppDeps): Promise<CentralApp> {
  const now = deps.now ?? (() => Date.now());
  const log = deps.log ?? ((msg: string, err?: unknown) => console.error(msg, err ?? ''));
  const db = await openCentralDb(deps.config.databaseUrl);
  try {
    const auth = new CentralAuth(db, now);
    const generatedAdminPassword = await auth.bootstrap(deps.config.adminPassword);
    const projector = new CentralProjector(db);
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    let background: Promise<void> = Promise.resolve();
    const project = () => {
      timer = null;
      const halls = [...pending];
      pending.clear();
      background = Promise.all(halls.map((h) => projector.catchUp(h)))
        .then(() => projector.refreshRollups())
        .catch((err: unknown) => {
          if (!closed) log('central projection failed (retried with the next batch or query)', err);
        });
    };
    const stored = (hallId: string) => {
      pending.add(hallId);
      if (timer === null && !closed) timer = setTimeout(project, PROJECT_DELAY_MS);
    };
    const partitions = new EventPartitions(db);
    const maintain = async (): Promise<string[]> => {
      const t = now();
      const next = monthOf(t).to;
      await partitions.ensure([t, next]);
      const dropped = await partitions.retain(deps.config.eventMonths, t);
      if (dropped.length > 0) log(`central: raw events of ${dropped.join(', ')} dropped (older than ${deps.config.eventMonths} months, all folded)`);
      return dropped;
    };
    let maintaining: Promise<unknown> = Promise.resolve();
    const maintainSoon = () => {
      maintaining = maintain().catch((err: unknown) => {
        if (!closed) log('central: looking after the event partitions failed (tried again later)', err);
      });
    };
    const firstMaintain = setTimeout(maintainSoon, MAINTAIN_FIRST_MS);
    const maintainTimer = setInterval(maintainSoon, MAINTAIN_EVERY_MS);
    firstMaintain.unref();
    maintainTimer.unref();
    const services = {
      auth,
      catalogue: new CatalogueStore(db),
      halls: new HallCredentials(db, now),
      ingest: new IngestService(db, now, stored, partitions),
      stats: new CentralStats(db, projector, now, deps.config.timeZone),
    };

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    app.use((_req, res, next) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Frame-Options', 'DENY');
      next();
    });
    const api = express.Router();
    api.use((_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    });
    api.use(centralRouter(services, now, (msg) => log(msg)));
    api.use(notFound);
    app.use('/api/v1', api);
    const counter = appDist('counter');
    app.use('/counter', express.static(counter, { index: 'index.html', maxAge: '1h' }));
    app.get(['/', '/counter'], (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(counter, 'index.html'), (err) => {
        if (err && !res.headersSent) res.status(503).type('text').send('The back office has not been built yet. Run "npm run build".');
      });
    });
    app.use(notFound);
    app.use(errorHandler(log));
    const http = createServer(app);

    return {
      http,
      db,
      projector,
      partitions,
      maintain,
      generatedAdminPassword,
      async close() {
        if (closed) return;
        closed = true;
        if (timer !== null) clearTimeout(timer);
        clearTimeout(firstMaintain);
        clearInterval(maintainTimer);
        if (http.listening) {
          http.closeAllConnections();
          await new Promise<void>((resolve) => http.close(() => resolve()));
        }
        await background;
        await maintaining;
        await db.end();
      },
    };
  } catch (err) {
    await db.end();
    throw err;
  }
}
