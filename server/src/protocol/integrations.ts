import { z } from 'zod';
import { EVENT_TYPES, Role, type EventType } from './vocabulary.js';

/** Integrations and governance: the audit log, API keys and webhook subscriptions (requests and views). */

const Id = z.string().min(1).max(40);
const Epoch = z.coerce.number().int().min(0).max(8_640_000_000_000_000);

// ---------------------------------------------------------------- audit

export const AUDIT_KINDS = [
  'config.import',
  'service.create',
  'service.update',
  'service.delete',
  'service.catalogue',
  'counter.create',
  'counter.update',
  'counter.delete',
  'counter.profile',
  'user.create',
  'user.update',
  'announcement.set',
  'service.stop',
  'service.restart',
  'apikey.create',
  'apikey.revoke',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.replay',
  'knowledge.publish',
  'knowledge.reject',
  'knowledge.revert',
  'knowledge.reviewed',
  'knowledge.flag-resolve',
  'knowledge.contact',
  'knowledge.import',
  'organisation.may-help',
] as const;
export const AuditKind = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKind>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.number(),
  userId: z.number().int().nullable(),
  /** The acting account's username. */
  actor: z.string(),
  actorRole: Role.nullable(),
  actorOrganisationId: z.string().nullable(),
  kind: AuditKind,
  /** What was acted on: a service, counter or user id, a key or subscription id. */
  target: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The client address the request came from. */
  sourceIp: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditQuery = z.strictObject({
  userId: z.coerce.number().int().positive().optional(),
  kind: AuditKind.optional(),
  /** Epoch ms, inclusive. */
  from: Epoch.optional(),
  /** Epoch ms, exclusive. */
  to: Epoch.optional(),
  /** Entries older than this id (paging backwards). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

// ---------------------------------------------------------------- API keys

export const API_SCOPES = ['tickets:issue', 'tickets:read', 'stats:read', 'events:read', 'config:read', 'appointments:write'] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

/** An API key is sent as `Authorization: Bearer vuoro_…`; session tokens never start with this. */
export const API_KEY_PREFIX = 'vuoro_';

export const CreateApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(ApiScope).min(1).max(API_SCOPES.length),
  /** Limits the key to one organisation's services, as a supervisor of that organisation is. */
  organisationId: Id.nullable().default(null),
  /** Epoch ms; absent or null: the key does not expire. */
  expiresAt: z.number().int().positive().nullable().default(null),
  ratePerMinute: z.number().int().min(1).max(6000).default(120),
});
export type CreateApiKeyRequest = z.input<typeof CreateApiKeyRequest>;

export const ApiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The first characters of the secret, to recognise a key. */
  prefix: z.string(),
  scopes: z.array(ApiScope),
  organisationId: z.string().nullable(),
  ratePerMinute: z.number().int(),
  expiresAt: z.number().nullable(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** The answer to creating a key: the only time the secret is shown. */
export const CreatedApiKey = z.object({ key: ApiKeyView, secret: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

// ---------------------------------------------------------------- webhooks

/** Event types as webhook receivers see them: `ticket_issued` → `ticket.issued`. */
export function webhookEventType(t: EventType): string {
  return t.replace('_', '.');
}
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.map(webhookEventType);
export const WebhookEventType = z.string().refine((t) => WEBHOOK_EVENT_TYPES.includes(t), {
  message: `one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});

export const CreateWebhookRequest = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    description: z.string().max(200).default(''),
    eventTypes: z.array(WebhookEventType).min(1).max(EVENT_TYPES.length),
    organisationId: Id.nullable().default(null),
    serviceIds: z.array(Id).min(1).max(100).nullable().default(null),
    /** Plain HTTP is refused unless this says the receiver is on a trusted LAN. */
    allowHttp: z.boolean().default(false),
  })
  .refine((w) => w.allowHttp || w.url.startsWith('https:'), {
    path: ['url'],
    message: 'use an https:// URL, or set allowHttp for a receiver on the local network',
  });
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z.strictObject({ active: z.boolean() });

export const WebhookView = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  organisationId: z.string().nullable(),
  serviceIds: z.array(z.string()).nullable(),
  allowHttp: z.boolean(),
  active: z.boolean(),
  createdAt: z.number(),
  /** Deliveries waiting (including retries), delivered, and dead. */
  counts: z.object({ pending: z.number().int(), delivered: z.number().int(), dead: z.number().int() }),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const CreatedWebhook = z.object({
  webhook: WebhookView,
  /** `whsec_…`: signs every delivery; shown only now. */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'skipped'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const WebhookDeliveryView = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  eventId: z.number().int(),
  eventType: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  createdAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.number().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

export const DeliveryQuery = z.strictObject({
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The JSON body of every webhook delivery. */
export interface WebhookPayload {
  /** The event id; also the `webhook-id` header. Receivers dedupe on it. */
  id: string;
  type: string;
  /** ISO 8601 time of the event. */
  timestamp: string;
  data: {
    eventId: number;
    ticketId: number | null;
    ticketNumber: string | null;
    counterId: string | null;
    serviceId: string | null;
    userId: number | null;
    details: Record<string, unknown> | null;
  };
}
