import { randomBytes } from 'node:crypto';
import type { HallSource } from '../config.js';
import type { Store } from '../store/index.js';
import type { PromiseRule } from '../domain/index.js';
import { ApiKeyService } from './apiKeyService.js';
import { AppointmentService } from './appointmentService.js';
import { RemoteQueueService } from './remoteQueueService.js';
import { AuditTrail } from './auditTrail.js';
import { AuthService } from './authService.js';
import { EventBus } from './eventBus.js';
import type { ServiceContext } from './context.js';
import { CounterService } from './counterService.js';
import { HallService } from './hallService.js';
import { OrganisationScope } from './organisationScope.js';
import { QueueViews } from './queueViews.js';
import { TicketService } from './ticketService.js';
import { WebhookService } from '../webhooks/webhookService.js';

export { EventBus, type EventConsumer, type SubscribeOptions } from './eventBus.js';
export type { Actor, ServiceContext } from './context.js';
export { actorOf, hasRole } from './authService.js';
export { ticketView } from './queueViews.js';
export type { ApiKeyService, AppointmentService, RemoteQueueService, AuditTrail, AuthService, CounterService, HallService, OrganisationScope, QueueViews, TicketService };

/** What routers, realtime and devices may use: named service methods and the one subscription point for events. */
export interface Services {
  /** The event flow: every consumer subscribes here. */
  events: EventBus;
  now(): number;
  hall: HallService;
  views: QueueViews;
  tickets: TicketService;
  counters: CounterService;
  appointments: AppointmentService;
  remote: RemoteQueueService;
  auth: AuthService;
  audit: AuditTrail;
  apiKeys: ApiKeyService;
  webhooks: WebhookService;
  /** Which organisations' work each staff member may act on and see. */
  scope: OrganisationScope;
}

/**
 * What the composition root (app.ts) gets: the services, and their context for services built beside them
 * (knowledge base). Routers, realtime and devices are handed `Services`, which has no context and no store.
 */
export interface ServiceRoot extends Services {
  ctx: ServiceContext;
  /** Who wakes the webhook dispatcher when failed deliveries are sent again (it lives beside the services). */
  onWebhookReplay(wake: () => void): void;
}

export function createServices(
  store: Store,
  source: HallSource,
  now: () => number,
  log: (msg: string, err?: unknown) => void = (msg, err) => console.error(msg, err ?? ''),
  options: { monotonic?: () => number; promiseRule?: PromiseRule } = {},
): ServiceRoot {
  let wakeWebhooks: () => void = () => undefined;
  const events = new EventBus(store.events, (consumer, err) => log(`event consumer "${consumer}" failed`, err));
  store.onCommit((committed) => events.publish(committed));
  const hall = new HallService(store, now, source);
  const monotonic = options.monotonic ?? (() => performance.now());
  const ctx: ServiceContext = { store, hall: hall.current, now, monotonic, token: (n) => randomBytes(n).toString('base64url') };
  const views = new QueueViews(ctx, options.promiseRule);
  const scope = new OrganisationScope(ctx);
  const tickets = new TicketService(ctx, views, scope);
  return {
    ctx,
    events,
    now,
    hall,
    views,
    tickets,
    appointments: new AppointmentService(ctx, tickets, scope),
    remote: new RemoteQueueService(ctx, views, tickets, scope),
    counters: new CounterService(ctx, views, scope),
    scope,
    auth: new AuthService(ctx),
    audit: new AuditTrail(store, now),
    apiKeys: new ApiKeyService(ctx),
    webhooks: new WebhookService(ctx, () => wakeWebhooks()),
    onWebhookReplay: (wake) => {
      wakeWebhooks = wake;
    },
  };
}
