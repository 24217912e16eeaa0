import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './config.js';
import type { DeviceStatusView } from './protocol/index.js';
import type { PromiseRule } from './domain/index.js';
import { Store } from './store/index.js';
import { createServices, type Services } from './services/index.js';
import { errorHandler, notFound } from './http/errors.js';
import { publicRouter } from './http/publicRouter.js';
import { ClientRate } from './http/clientRate.js';
import { tokenMissRate } from './http/tokenMisses.js';
import { ticketsRouter } from './http/ticketsRouter.js';
import { appointmentsRouter } from './http/appointmentsRouter.js';
import { countersRouter } from './http/countersRouter.js';
import { adminRouter } from './http/adminRouter.js';
import { integrationsRouter } from './http/integrationsRouter.js';
import { apiKeyGate } from './http/auth.js';
import { REPO_ROOT, staticApps } from './http/staticApps.js';
import { publicReadRate } from './http/publicReads.js';
import { signInRate } from './http/signInRate.js';
import { speechRouter } from './speech/speechRouter.js';
import { displayClipsRouter } from './http/displayClipsRouter.js';
import { openApiDocument } from './http/openapi.js';
import { asyncApiDocument } from './http/asyncapi.js';
import { beforeRoute, checkRoutesAgainstTable, registeredRoutes, routesOn } from './http/routeTable.js';
import type { RouteDef } from './protocol/client/routeDef.js';
import { ROUTE_KEYS, ROUTES } from './protocol/client/routes.js';
import { apiDocsRouter } from './http/apiDocs.js';
import { Realtime, type VuoroIo } from './realtime/socketServer.js';
import { DEFAULT_SOCKET_LIMITS, SocketLimits } from './realtime/socketLimits.js';
import { createStatistics, type StatsService } from './stats/index.js';
import { statsRouter } from './http/statsRouter.js';
import { feedbackRouter } from './http/feedbackRouter.js';
import { generateDemoHistory } from './demo/demoHistory.js';
import { deviceHubFactory } from './devices/deviceHub.js';
import { devicesRouter } from './devices/devicesRouter.js';
import { KnowledgeDirectory } from './knowledge/knowledgeDirectory.js';
import { KnowledgeService } from './knowledge/knowledgeService.js';
import { KnowledgeFigures } from './knowledge/knowledgeFigures.js';
import { loadDemoKnowledge } from './knowledge/demoKnowledge.js';
import { knowledgeImportBody, knowledgeRouter } from './http/knowledgeRouter.js';
import { CentralShipper, hallProfile } from './shipping/centralShipper.js';
import { applyCatalogue, catalogueSubscriptions } from './shipping/catalogue.js';
import { shippingRouter } from './shipping/shippingRouter.js';
import { LdapDirectory } from './directory/ldapDirectory.js';
import { DEFAULT_DISPATCHER_OPTIONS, WebhookDispatcher, type DispatcherOptions } from './webhooks/webhookDispatcher.js';
import { NO_DEVICES, type DeviceHub } from './devices/hub.js';
import { createLogger, logFunction, silentLogger, type Logger } from './logging/logger.js';
import { noteRouteBase, requestLog } from './logging/requestLog.js';
import { configChangeLog, signInLog } from './logging/auditLog.js';
import { Health } from './ops/health.js';
import { Metrics } from './ops/metrics.js';
import { healthRouter, metricsRouter } from './ops/opsRouter.js';
import { VERSION } from './ops/version.js';
import { BackupService, backupBeforeUpgrade } from './ops/backups.js';
import { quickCheckFile } from './store/backupFile.js';
import { DailyJob } from './ops/schedule.js';
import { adminOpsRouter } from './ops/adminOpsRouter.js';
import { RetentionService } from './ops/retention.js';
import { opsStatus } from './ops/status.js';
import { ScreenTracker } from './realtime/screenTracker.js';
import { NotifyService } from './notify/notifyService.js';
import { DEFAULT_NOTIFY_OPTIONS, type NotifyOptions } from './notify/notifyOptions.js';
import { NotifyWorker } from './notify/notifyWorker.js';
import { vapidKeys } from './notify/vapid.js';
import { notifyRouter } from './http/notifyRouter.js';

export type { DeviceHub } from './devices/hub.js';

export interface AppDeps {
  config: AppConfig;
  /** The clock; tests pass a fake one. */
  now?: () => number;
  /** The structured logger (request lines, sign-ins, configuration changes); by default from `config.log`. */
  logger?: Logger;
  /** A clock that never jumps (default: performance.now); tests step it separately from `now`. */
  monotonic?: () => number;
  /** Plain messages and errors; by default written through the logger. */
  log?: (msg: string, err?: unknown) => void;
  /** Which point of the sampled plays a visitor is promised (default PROMISE_RULE; the replay tool tries others). */
  promiseRule?: PromiseRule;
  /** Builds the device hub once services exist (see server/src/devices); by default the real hub when the hall lists devices. */
  devices?: (s: Services, notify: (d: DeviceStatusView) => void) => DeviceHub;
  /** The release the server reports (health, status, screens); by default server/package.json's version. */
  version?: string;
  /** A demo hall on a new database gets three weeks of generated history (the process turns this on). */
  demoHistory?: boolean;
  /** Webhook delivery timing (tests shorten the retry delays). */
  webhooks?: Partial<DispatcherOptions>;
  /** Notification delivery timing (tests shorten the retry delays). */
  notifications?: Partial<NotifyOptions>;
}

export interface App {
  http: HttpServer;
  io: VuoroIo;
  services: Services;
  store: Store;
  /** The statistics the /stats routes answer from (the simulator asks it for staffing advice). */
  stats: StatsService;
  knowledge: KnowledgeService;
  devices: DeviceHub;
  /** Shipping the event log to central, when configured. */
  shipper: CentralShipper | null;
  logger: Logger;
  health: Health;
  metrics: Metrics;
  backups: BackupService;
  retention: RetentionService;
  /** Visitors' notification opt-ins and the outbox. */
  notify: NotifyService;
  generatedAdminPassword: string | null;
  /** Every method and path registered under /api/v1 (the contract test holds the OpenAPI document to it). */
  apiRoutes(): { method: string; path: string }[];
  close(): Promise<void>;
}

const EXPIRY_SWEEP_MS = 60_000;
/** Hall time of the daily retention run: after the night's backup, before anyone comes in. */
const RETENTION_AT = '03:15';

/** Composition only: store, services, HTTP, realtime and devices wired together. */
export async function createApp(deps: AppDeps): Promise<App> {
  const now = deps.now ?? (() => Date.now());
  // A caller that brings its own `log` and no logger (a test) gets a quiet request log.
  const logger = deps.logger ?? (deps.log ? silentLogger() : createLogger(deps.config.log));
  const log = deps.log ?? logFunction(logger);
  mkdirSync(deps.config.dataDir, { recursive: true });
  const store = Store.open(path.join(deps.config.dataDir, 'vuoro.db'), {
    backupsDir: deps.config.backupDir,
    log: (msg) => log(msg),
    beforeMigrate: (db, from, to) => {
      const file = backupBeforeUpgrade(db, deps.config.backupDir, now(), quickCheckFile);
      logger.info({ event: 'upgrade-backup', from, to, file }, `Backed up the database before upgrading its schema from ${from} to ${to}: ${file}`);
    },
  });
  try {
    const services = createServices(store, deps.config.hall, now, log, { monotonic: deps.monotonic, promiseRule: deps.promiseRule });
    services.auth.useDirectory(deps.config.directory ? new LdapDirectory(deps.config.directory) : undefined, (msg) => log(msg));
    const { generatedAdminPassword } = await services.auth.bootstrap(services.hall.current().config, deps.config.adminPassword);
    services.tickets.expireStale();
    if (deps.demoHistory) generateDemoHistory(store, services, now());
    const statistics = createStatistics(store, services, log);
    const knowledge = new KnowledgeService(services.ctx, services.hall);
    if (services.hall.current().config.hall.demo) knowledge.seedDemo(loadDemoKnowledge());
    const knowledgeFigures = new KnowledgeFigures(services.ctx, () => statistics.projector.catchUp());
    const central = deps.config.central;
    const shipper = central
      ? new CentralShipper({
          source: {
            mark: () => store.shipping.mark(),
            setMark: (id, at) => store.shipping.setMark(id, at),
            since: (after, limit) => store.events.since(after, limit),
            lastId: () => store.events.lastId(),
          },
          central,
          profile: () => hallProfile(services.hall.current().config),
          catalogue: {
            subscriptions: () => catalogueSubscriptions(services.hall.current().config),
            apply: (entries) => void applyCatalogue(services.hall, entries, central.url),
          },
          now,
          log,
        })
      : null;
    // Central shipping and webhooks keep their own marks in the database and read the event log from there;
    // live events only wake them.
    const stopShipper = shipper ? services.events.subscribe({ name: 'central shipping', handle: () => shipper.wake() }) : () => undefined;
    shipper?.start();
    const webhooks = new WebhookDispatcher(store, services.hall.current, now, log, { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.webhooks });
    const kickWebhooks = (): void => webhooks.kick();
    const stopWebhooks = services.events.subscribe({ name: 'webhooks', handle: kickWebhooks });
    services.onWebhookReplay(kickWebhooks);
    webhooks.kick();
    const vapid = vapidKeys({ get: () => store.hall.state('notify.vapid'), set: (v) => store.hall.setState('notify.vapid', v) });
    const notify = new NotifyService(store, services.hall.current, now, vapid);
    const notifier = new NotifyWorker(store, services.events, services.hall.current, now, vapid, log, { ...DEFAULT_NOTIFY_OPTIONS, ...deps.notifications }).start();
    notify.onChange(() => notifier.kick());

    const app = express();
    app.disable('x-powered-by');
    // Routes answer with live data (the API's answers are no-store): an ETag, a hash of every body, would be computed
    // for nothing. Static files (the screens, the API docs) keep theirs: express.static makes its own.
    app.set('etag', false);
    app.set('trust proxy', 'loopback');
    let metrics: Metrics | undefined;
    app.use(requestLog(logger, { onAnswered: (r) => metrics?.observeRequest(r.method, r.route, r.status, r.durationMs / 1000) }));
    app.use((_req, res, next) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Frame-Options', 'DENY');
      next();
    });
    const http = createServer(app);
    let realtime: Realtime | undefined;
    const makeDevices = deps.devices ?? (services.hall.current().config.devices.length > 0 ? deviceHubFactory({ log }) : undefined);
    const devices = makeDevices ? makeDevices(services, (d) => realtime?.deviceStatus(d)) : NO_DEVICES;
    const socketLimits = new SocketLimits({ ...DEFAULT_SOCKET_LIMITS, socketsPerAddress: deps.config.socketsPerAddress }, (msg) => log(msg));
    const monotonic = deps.monotonic ?? (() => performance.now());
    // One budget of unknown visitor tokens per address, for the HTTP token routes and the status page's socket alike.
    const tokenMisses = new ClientRate(deps.config.tokenMissesPerMinute, monotonic);
    realtime = new Realtime(http, services, randomBytes(6).toString('hex'), () => devices.statuses(), log, socketLimits, tokenMisses);
    const version = deps.version ?? VERSION;
    const startedAt = now();
    const health = new Health({
      version,
      startedAt,
      now,
      probeDatabase: () => store.ops.probeWrite(),
      storageProblems: () => {
        store.storage.checkIdentity();
        return store.storage.problems().map((p) => ({ kind: p.kind, message: p.message, since: p.since }));
      },
      dataDir: deps.config.dataDir,
      minFreeBytes: deps.config.minFreeBytes,
      devices: () => devices.statuses(),
    });
    const io = realtime.io;
    const screens = new ScreenTracker(io, version, now);
    const backups = new BackupService(store.db, deps.config.backup, now);
    const lastBackup = backups.latest();
    const backupJob = deps.config.backup.dailyAt
      ? new DailyJob(
          deps.config.backup.dailyAt,
          () => services.hall.current().timeZone,
          now,
          () => backups.run('schedule'),
          (err) => log('scheduled backup failed', err),
          lastBackup === null ? false : now() - lastBackup.takenAt > 26 * 3600_000,
        ).start()
      : undefined;
    const retention = new RetentionService(store, deps.config.retention, () => services.hall.current().today(now()), now);
    const retentionJob = new DailyJob(RETENTION_AT, () => services.hall.current().timeZone, now, () => retention.run(), (err) => log('retention run failed', err)).start();
    metrics = new Metrics(
      {
        queues: () => services.views.serviceStatuses(now()).map((q) => ({ serviceId: q.id, waiting: q.waiting, open: q.open })),
        today: () => store.ops.dayCounts(services.hall.current().today(now())),
        openCounters: () => store.ops.openCounters(),
        devices: () => devices.statuses(),
        sockets: () => {
          const byRole: Record<string, number> = { display: 0, kiosk: 0, staff: 0, visitor: 0 };
          for (const socket of io.of('/').sockets.values()) {
            const role = socket.data.role ?? 'unjoined';
            byRole[role] = (byRole[role] ?? 0) + 1;
          }
          return byRole;
        },
        lastBackupAt: () => backups.latest()?.takenAt ?? null,
        databaseBytes: () => store.ops.sizeBytes(),
        now,
      },
      version,
    );

    const api = express.Router();
    // The knowledge import may be larger than other requests: parsed before the API's 64 kB limit applies.
    api.use(beforeRoute('knowledgeImport', knowledgeImportBody));
    api.use(noteRouteBase);
    api.use(express.json({ limit: '64kb' }));
    api.use((_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    });
    api.use(apiKeyGate(services.apiKeys));
    api.use(publicReadRate(services, new ClientRate(deps.config.publicReadsPerMinute, deps.monotonic ?? (() => performance.now()))));
    const on = routesOn(api, null);
    const index = {
      routes: ROUTE_KEYS.map((key) => {
        const d: RouteDef = ROUTES[key];
        return { key, method: d.method, path: d.path, access: d.access, scope: d.scope ?? null, what: d.summary };
      }),
    };
    on('apiIndex', (_req, res) => {
      res.json(index);
    });
    const openapi = openApiDocument('1');
    on('openApi', (_req, res) => {
      res.json(openapi);
    });
    const asyncapi = asyncApiDocument(version);
    on('asyncApi', (_req, res) => {
      res.json(asyncapi);
    });
    api.use(healthRouter(health));
    api.use(beforeRoute('signIn', signInRate(new ClientRate(deps.config.signInsPerMinute, monotonic), monotonic, (msg) => log(msg))));
    api.use(beforeRoute('signIn', signInLog(logger)));
    api.use(tokenMissRate(tokenMisses, monotonic, (msg) => log(msg), (token) => services.tickets.knowToken(token)));
    api.use(publicRouter(services));
    const anonymousIssue = new ClientRate(deps.config.anonymousTicketsPerMinute, deps.monotonic ?? (() => performance.now()));
    api.use(ticketsRouter(services, (t, k, origin) => devices.print(t, k, services.hall.current().config.hall.publicUrl ?? origin), anonymousIssue));
    api.use(
      appointmentsRouter(services, deps.monotonic ?? (() => performance.now()), notify, (t, k, origin) => devices.print(t, k, services.hall.current().config.hall.publicUrl ?? origin)),
    );
    api.use(countersRouter(services));
    api.use(devicesRouter(services, devices));
    api.use(adminRouter(services));
    api.use(integrationsRouter(services));
    api.use(
      adminOpsRouter(services, backups, retention, logger, () =>
        opsStatus({
          version,
          startedAt,
          now,
          store,
          dataDir: deps.config.dataDir,
          minFreeBytes: deps.config.minFreeBytes,
          health,
          backups,
          retention,
          devices: () => devices.statuses(),
          screens: () => screens.list(),
        }),
      ),
    );
    api.use(
      speechRouter(services, {
        repoRoot: REPO_ROOT,
        dataDir: deps.config.dataDir,
        espeak: deps.config.espeak,
        limits: deps.config.speech,
        monotonic: deps.monotonic ?? (() => performance.now()),
        log,
      }),
    );
    api.use(displayClipsRouter(services, deps.config.dataDir));
    api.use(statsRouter(services, statistics.stats));
    api.use(feedbackRouter(statistics.feedback));
    api.use(notifyRouter(services, notify, new ClientRate(deps.config.notifyRequestsPerMinute, deps.monotonic ?? (() => performance.now()))));
    api.use(knowledgeRouter(services, knowledge, new KnowledgeDirectory(services.ctx), knowledgeFigures));
    api.use(shippingRouter(services, shipper && (() => shipper.status())));
    checkRoutesAgainstTable(registeredRoutes(api));
    api.use(notFound);
    app.use('/api/v1', api);
    app.use(apiDocsRouter());
    app.use(metricsRouter(services, metrics, deps.config.metricsToken));
    app.use(staticApps(services));
    app.use(notFound);
    app.use(errorHandler(log, store.storage));

    const sweep = setInterval(() => {
      try {
        services.tickets.expireStale();
        services.appointments.sweepNoShows();
        services.remote.expireHeld();
      } catch (err) {
        log('expiry sweep failed', err);
      }
    }, EXPIRY_SWEEP_MS);
    sweep.unref();
    const stopConfigLog = configChangeLog(logger, services.events);

    let closed = false;
    return {
      http,
      io: realtime.io,
      services,
      store,
      stats: statistics.stats,
      knowledge,
      devices,
      shipper,
      logger,
      health,
      metrics,
      backups,
      retention,
      notify,
      generatedAdminPassword,
      apiRoutes: () => registeredRoutes(api),
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(sweep);
        stopWebhooks();
        await webhooks.close();
        await notifier.close();
        stopConfigLog();
        backupJob?.stop();
        retentionJob.stop();
        await backups.settle();
        statistics.close();
        stopShipper();
        if (shipper) await shipper.close();
        await devices.close();
        await realtime.close();
        if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
