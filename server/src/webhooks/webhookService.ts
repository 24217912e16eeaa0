import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/index.js';
import {
  EVENT_TYPES,
  webhookEventType,
  type CreateWebhookRequest,
  type CreatedWebhook,
  type DeliveryStatus,
  type EventType,
  type WebhookDeliveryView,
  type WebhookView,
} from '../protocol/index.js';
import { AuditTrail } from '../services/auditTrail.js';
import type { Actor, ServiceContext } from '../services/context.js';
import type { WebhookRecord } from '../store/index.js';
import { SECRET_PREFIX } from './signature.js';

const STORED_TYPE = new Map<string, EventType>(EVENT_TYPES.map((t) => [webhookEventType(t), t]));

type CreateInput = {
  url: string;
  description: string;
  eventTypes: string[];
  organisationId: string | null;
  serviceIds: string[] | null;
  allowHttp: boolean;
} & Partial<CreateWebhookRequest>;

/** Webhook subscriptions as admins manage them; the dispatcher delivers. Every change is audited. */
export class WebhookService {
  private readonly audit: AuditTrail;

  constructor(
    private readonly ctx: ServiceContext,
    /** Wakes the dispatcher (after a replay). */
    private readonly kick: () => void = () => undefined,
  ) {
    this.audit = new AuditTrail(ctx.store, ctx.now);
  }

  private view(w: WebhookRecord): WebhookView {
    const { secret: _secret, ...rest } = w;
    const c = this.ctx.store.webhooks.counts(w.id);
    return { ...rest, eventTypes: w.eventTypes.map(webhookEventType), counts: { pending: c.pending, delivered: c.delivered, dead: c.dead } };
  }

  private audited(w: WebhookRecord): Record<string, unknown> {
    const { secret: _secret, ...rest } = w;
    return { ...rest, eventTypes: w.eventTypes.map(webhookEventType) };
  }

  private get(id: number): WebhookRecord {
    const w = this.ctx.store.webhooks.byId(id);
    if (!w) throw new DomainError('not_found', `There is no webhook subscription ${id}.`);
    return w;
  }

  list(): WebhookView[] {
    return this.ctx.store.webhooks.all().map((w) => this.view(w));
  }

  create(input: CreateInput, actor: Actor): CreatedWebhook {
    const hall = this.ctx.hall();
    if (input.organisationId !== null && !hall.config.organisations.some((o) => o.id === input.organisationId)) {
      throw new DomainError('validation_failed', `organisationId: there is no organisation "${input.organisationId}".`);
    }
    const unknown = input.serviceIds?.find((id) => !hall.services.has(id));
    if (unknown) throw new DomainError('unknown_service', `serviceIds: there is no service "${unknown}".`);
    const eventTypes = [...new Set(input.eventTypes)].map((t) => STORED_TYPE.get(t)).filter((t): t is EventType => t !== undefined);
    const secret = SECRET_PREFIX + randomBytes(24).toString('base64');
    const w = this.ctx.store.transaction(() => {
      const created = this.ctx.store.webhooks.insert({
        url: input.url,
        description: input.description,
        secret,
        eventTypes,
        organisationId: input.organisationId,
        serviceIds: input.serviceIds,
        allowHttp: input.allowHttp,
        createdAt: this.ctx.now(),
      });
      this.audit.record(actor, 'webhook.create', String(created.id), null, this.audited(created));
      return created;
    });
    return { webhook: this.view(w), secret };
  }

  /** Pause or resume a subscription; while paused, new events are not queued for it. */
  setActive(id: number, active: boolean, actor: Actor): WebhookView {
    const w = this.ctx.store.transaction(() => {
      const before = this.get(id);
      this.ctx.store.webhooks.setActive(id, active);
      const after = this.get(id);
      this.audit.record(actor, 'webhook.update', String(id), this.audited(before), this.audited(after));
      return after;
    });
    if (active) this.kick();
    return this.view(w);
  }

  delete(id: number, actor: Actor): void {
    this.ctx.store.transaction(() => {
      const before = this.get(id);
      this.ctx.store.webhooks.delete(id);
      this.audit.record(actor, 'webhook.delete', String(id), this.audited(before), null);
    });
  }

  deliveries(id: number, status: DeliveryStatus | undefined, limit: number): WebhookDeliveryView[] {
    this.get(id);
    return this.ctx.store.webhooks.deliveries(id, status ?? null, limit);
  }

  /** Sends a dead delivery again, with a fresh retry window. */
  replay(deliveryId: number, actor: Actor): WebhookDeliveryView {
    const d = this.ctx.store.transaction(() => {
      const before = this.ctx.store.webhooks.delivery(deliveryId);
      if (!before) throw new DomainError('not_found', `There is no webhook delivery ${deliveryId}.`);
      if (before.status !== 'dead') throw new DomainError('conflict', `Delivery ${deliveryId} is ${before.status}; only a dead delivery can be replayed.`);
      this.ctx.store.webhooks.replay(deliveryId, this.ctx.now());
      const after = this.ctx.store.webhooks.delivery(deliveryId) ?? before;
      this.audit.record(actor, 'webhook.replay', String(before.subscriptionId), before, after);
      return after;
    });
    this.kick();
    return d;
  }
}
