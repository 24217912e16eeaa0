import { randomBytes } from 'node:crypto';
import type { HallSource } from '../config.js';
import type { Store } from '../store/index.js';
import { ApiKeyService } from './apiKeyService.js';
import { AuditTrail } from './auditTrail.js';
import { AuthService } from './authService.js';
import { ChangeBus } from './changeBus.js';
import type { ServiceContext } from './context.js';
import { CounterService } from './counterService.js';
import { HallService } from './hallService.js';
import { QueueViews } from './queueViews.js';
import { TicketService } from './ticketService.js';
import { WebhookService } from '../webhooks/webhookService.js';

export { ChangeBus, type Change } from './changeBus.js';
export type { Actor, ServiceContext } from './context.js';
export { actorOf, hasRole } from './authService.js';
export { ticketView } from './queueViews.js';
export type { ApiKeyService, AuditTrail, AuthService, CounterService, HallService, QueueViews, TicketService };

export interface Services {
  ctx: ServiceContext;
  bus: ChangeBus;
  hall: HallService;
  views: QueueViews;
  tickets: TicketService;
  counters: CounterService;
  auth: AuthService;
  audit: AuditTrail;
  apiKeys: ApiKeyService;
  webhooks: WebhookService;
}

export function createServices(store: Store, source: HallSource, now: () => number): Services {
  const bus = new ChangeBus();
  bus.setMaxListeners(50);
  const hall = new HallService(store, bus, now, source);
  const ctx: ServiceContext = { store, hall: hall.current, now, token: (n) => randomBytes(n).toString('base64url'), bus };
  const views = new QueueViews(ctx);
  return {
    ctx,
    bus,
    hall,
    views,
    tickets: new TicketService(ctx, views),
    counters: new CounterService(ctx, views),
    auth: new AuthService(ctx),
    audit: new AuditTrail(store, now),
    apiKeys: new ApiKeyService(ctx),
    webhooks: new WebhookService(ctx, () => bus.publish({})),
  };
}
