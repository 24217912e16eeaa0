import { z } from 'zod';
import { Language } from './vocabulary.js';

/**
 * Telling visitors when it is their turn: the hall config's `notifications` section, the visitor's opt-in on the
 * status page, and what staff see of the outbox (addresses only ever masked).
 */

export const NOTIFY_CHANNELS = ['email', 'sms', 'push'] as const;
export const NotifyChannel = z.enum(NOTIFY_CHANNELS);
export type NotifyChannel = z.infer<typeof NotifyChannel>;

/**
 * What a message is about: the visitor's place came within their chosen number, they were called, called again; a
 * remote ticket not checked in was skipped when its turn came, then expired; a booking's reminder.
 */
export const NOTIFY_KINDS = ['ahead', 'called', 'recalled', 'skipped', 'expired', 'reminder'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'dropped'] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** The largest "tell me when at most N people are ahead" a visitor may choose. */
export const AHEAD_MAX = 20;

/** Push services of the common browsers (Chrome/Edge/Android, Firefox, Windows, Safari). */
export const DEFAULT_PUSH_ENDPOINTS = [
  'https://fcm.googleapis.com/',
  'https://updates.push.services.mozilla.com/',
  'https://wns2-',
  'https://web.push.apple.com/',
];

export const EmailGatewayConfig = z.strictObject({
  /** SMTP server. */
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** Refuse to send unless the connection is encrypted (STARTTLS required). */
  requireTls: z.boolean().default(false),
  user: z.string().min(1).max(200).optional(),
  password: z.string().min(1).max(200).optional(),
  /** The sender, e.g. `"Service Centre <no-reply@city.example>"`. */
  from: z.string().min(3).max(200),
  /** Check the SMTP server's certificate (turn off only for a server with a self-signed certificate). */
  verifyCertificate: z.boolean().default(true),
});
export type EmailGatewayConfig = z.infer<typeof EmailGatewayConfig>;

export const SmsGatewayConfig = z.strictObject({
  /** The gateway's HTTP(S) endpoint; each message is one POST of JSON (README: "SMS gateway"). */
  url: z.url({ protocol: /^https?$/ }),
  /** Sent as `Authorization: Bearer <token>`. */
  token: z.string().min(1).max(500).optional(),
  /** Sender name or number, passed on as `from` (gateways limit names to 11 characters). */
  sender: z.string().min(1).max(20).optional(),
  /** A number typed without a country code (`040 123 4567`) gets this one (`+358`). */
  defaultCountryCode: z.string().regex(/^\+[1-9]\d{0,3}$/, 'use + and 1–4 digits, e.g. +358').optional(),
  timeoutSeconds: z.number().int().min(1).max(60).default(10),
});
export type SmsGatewayConfig = z.infer<typeof SmsGatewayConfig>;

export const PushConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** A subscription's endpoint must start with one of these (a visitor cannot make the server post elsewhere). */
  allowedEndpoints: z.array(z.string().min(8).max(200)).min(1).default(DEFAULT_PUSH_ENDPOINTS),
  /** Who push services may contact about this sender (VAPID subject): `mailto:` or an https URL. */
  contact: z
    .string()
    .max(200)
    .regex(/^(mailto:|https:\/\/)/, 'use mailto:… or https://…')
    .optional(),
});
export type PushConfig = z.infer<typeof PushConfig>;

/** Booking reminders: one message per lead time, sent that many minutes before the slot. */
export const RemindersConfig = z.strictObject({
  /** e.g. [1440] (the day before), [1440, 120] (the day before and two hours before). */
  minutesBefore: z
    .array(z.number().int().min(5).max(14 * 24 * 60))
    .min(1)
    .max(3)
    .refine((a) => new Set(a).size === a.length, 'each lead time once')
    .default([1440]),
});
export type RemindersConfig = z.infer<typeof RemindersConfig>;

export const NotificationsConfig = z.strictObject({
  email: EmailGatewayConfig.optional(),
  sms: SmsGatewayConfig.optional(),
  push: PushConfig.optional(),
  reminders: RemindersConfig.optional(),
});
export type NotificationsConfig = z.infer<typeof NotificationsConfig>;

/** A Web Push subscription as the browser's `PushSubscription.toJSON()` gives it. */
export const PushSubscriptionInput = z.object({
  endpoint: z.url().max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'not a P-256 public key'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, 'not an auth secret'),
  }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

const When = {
  /** Tell me when at most this many people are ahead (null or absent: don't). */
  ahead: z.number().int().min(0).max(AHEAD_MAX).nullable().default(null),
  /** Tell me when I am called. */
  onCall: z.boolean().default(false),
  /** The language of the messages (the status page's). */
  language: Language.optional(),
};

/** PUT /tickets/status/:token/notify */
export const NotifyOptInRequest = z
  .discriminatedUnion('channel', [
    z.strictObject({ channel: z.literal('email'), address: z.string().trim().min(3).max(254), ...When }),
    z.strictObject({ channel: z.literal('sms'), address: z.string().trim().min(3).max(40), ...When }),
    z.strictObject({ channel: z.literal('push'), subscription: PushSubscriptionInput, ...When }),
  ])
  .refine((r) => r.ahead !== null || r.onCall, { message: 'choose "when N people are ahead", "when called" or both', path: ['onCall'] });
export type NotifyOptInRequest = z.infer<typeof NotifyOptInRequest>;

/** Why push cannot be offered: the hall's `publicUrl` is not HTTPS (browsers allow push only there), or it is off. */
export const PushUnavailable = z.enum(['not-https', 'disabled']);
export type PushUnavailable = z.infer<typeof PushUnavailable>;

export const NotifyChannelsView = z.object({
  email: z.boolean(),
  sms: z.boolean(),
  push: z.object({ available: z.boolean(), reason: PushUnavailable.nullable(), publicKey: z.string().nullable() }),
});
export type NotifyChannelsView = z.infer<typeof NotifyChannelsView>;

export const NotifyContactView = z.object({
  channel: NotifyChannel,
  /** `j•••@example.org`, `+358 ••• ••67`, `this browser`. */
  masked: z.string(),
  ahead: z.number().int().nullable(),
  onCall: z.boolean(),
});
export type NotifyContactView = z.infer<typeof NotifyContactView>;

/** GET /tickets/status/:token/notify: what the status page may offer, and what the visitor chose. */
export const NotifyOptionsView = z.object({
  channels: NotifyChannelsView,
  aheadMax: z.number().int(),
  /** Opt-ins are possible only while the ticket waits (or is parked). */
  open: z.boolean(),
  contacts: z.array(NotifyContactView),
});
export type NotifyOptionsView = z.infer<typeof NotifyOptionsView>;

/** A message of the outbox as staff see it (the address masked). */
export const OutboxMessageView = z.object({
  id: z.number().int(),
  /** The ticket the message is about; null for a booking's reminder (the booking has no ticket yet). */
  ticketId: z.number().int().nullable(),
  appointmentId: z.number().int().nullable(),
  number: z.string().nullable(),
  serviceId: z.string(),
  channel: NotifyChannel,
  masked: z.string(),
  kind: z.enum(NOTIFY_KINDS),
  status: OutboxStatus,
  attempts: z.number().int(),
  createdAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.number().nullable(),
});
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

/** GET /notifications/status: what is set up, and how the outbox is doing. */
export const NotificationsStatusView = z.object({
  channels: NotifyChannelsView,
  /** The hall's publicUrl (push needs it to be https://…). */
  publicUrl: z.string().nullable(),
  counts: z.record(OutboxStatus, z.number().int()),
});
export type NotificationsStatusView = z.infer<typeof NotificationsStatusView>;

export const OutboxQuery = z.strictObject({
  status: OutboxStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
