import { z } from 'zod';
import { LocalDate } from './config.js';
import type { CounterTime, DailyRow, FeedbackSlice, HeatmapCell, StatsFigures } from './stats.js';
import { LocalizedText, Role } from './vocabulary.js';

/**
 * Central mode: halls ship their event log to a central server (PostgreSQL), which compares halls. What the
 * hall's shipping module and the central server exchange, and what the central back office reads.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, "-" and "_", up to 40');
const Text = z.string().min(1).max(200);

/** Events per shipped batch: small enough to commit quickly, large enough to catch up days of backlog in minutes. */
export const SHIP_BATCH_MAX = 2000;

/** One event of the hall's log as shipped: the row as the hall stored it, keyed by the hall's event id. */
export const ShippedEvent = z.strictObject({
  id: z.number().int().positive(),
  type: z.string().min(1).max(40),
  /** Epoch ms (a hall's demo history may hold fractions of a millisecond). */
  at: z.number().nonnegative().finite(),
  ticketId: z.number().int().positive().nullable(),
  counterId: z.string().max(40).nullable(),
  /** The staff member; 0 for the hall's own automatic changes (e.g. a catalogue update). */
  userId: z.number().int().nonnegative().nullable(),
  serviceId: z.string().max(40).nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ShippedEvent = z.infer<typeof ShippedEvent>;

/** What central needs of a hall's configuration to fold its events like the hall does, and to scope by organisation. */
export const HallProfile = z.strictObject({
  name: LocalizedText,
  timeZone: z.string().min(1).max(64),
  organisations: z.array(z.strictObject({ id: z.string().min(1).max(40), name: LocalizedText })).max(100),
  services: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(40),
        name: LocalizedText,
        organisationId: z.string().min(1).max(40).nullable(),
        targetMinutes: z.number().int().positive().max(600),
      }),
    )
    .max(200),
  /** The hall's counters and the services each serves: a supervisor's counters at central are those serving their services. */
  counters: z
    .array(z.strictObject({ id: z.string().min(1).max(40), serviceIds: z.array(z.string().min(1).max(40)).max(200) }))
    .max(500)
    .optional(),
});
export type HallProfile = z.infer<typeof HallProfile>;

/** A service definition of the central catalogue, as the central admin writes it. */
export const CatalogueEntryInput = z.strictObject({
  name: LocalizedText.refine((n) => Object.keys(n).length > 0, 'Give the name in at least one language.'),
  prepare: LocalizedText.optional(),
  targetMinutes: z.number().int().positive().max(600),
  organisationId: z.string().min(1).max(40).nullable().default(null),
});
export type CatalogueEntryInput = z.infer<typeof CatalogueEntryInput>;

export interface CatalogueEntry extends CatalogueEntryInput {
  id: string;
  /** Grows by one with every change; a hall applies an entry newer than the version it holds. */
  version: number;
  updatedAt: number;
}

/** A hall's subscription: the catalogue entry one of its services follows, and the version it applied. */
export const CatalogueSubscription = z.strictObject({ id: z.string().min(1).max(40), version: z.number().int().nonnegative() });
export type CatalogueSubscription = z.infer<typeof CatalogueSubscription>;

/**
 * POST /api/v1/central/events with the hall's credential as bearer token. `after` is the last event id the hall
 * believes central has; `events` follow it in ascending id order.
 */
export const ShipBatch = z
  .strictObject({
    hallId: Id,
    after: z.number().int().nonnegative(),
    profile: HallProfile.optional(),
    /** Catalogue entries the hall's services follow; the answer carries the newer ones. */
    subscriptions: z.array(CatalogueSubscription).max(200).optional(),
    events: z.array(ShippedEvent).max(SHIP_BATCH_MAX),
  })
  .superRefine((b, ctx) => {
    let prev = b.after;
    for (const [i, e] of b.events.entries()) {
      if (e.id <= prev) {
        ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: 'event ids must ascend, each after "after"' });
        return;
      }
      prev = e.id;
    }
  });
export type ShipBatch = z.infer<typeof ShipBatch>;

/** The answer to a batch: the id of the last event central holds for the hall (the hall's new high-water mark). */
export interface ShipAck {
  lastEventId: number;
  accepted: number;
  duplicates: number;
  /** Subscribed catalogue entries newer than the versions the hall sent. */
  catalogue?: CatalogueEntry[];
}

/** The hall's view of its shipping, shown on its back office. */
export const ShippingStatus = z.object({
  /** off: no central configured; connected: caught up; behind: shipping a backlog; unreachable: retrying. */
  state: z.enum(['off', 'connected', 'behind', 'unreachable']),
  centralUrl: z.string().nullable(),
  /** Events central has not confirmed yet. */
  behindBy: z.number().int(),
  lastShippedEventId: z.number().int(),
  lastContactAt: z.number().nullable(),
  unreachableSince: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type ShippingStatus = z.infer<typeof ShippingStatus>;

export const NewHall = z.strictObject({ id: Id, name: Text });
export type NewHall = z.infer<typeof NewHall>;

/** A hall as central knows it; the credential itself is shown once, when issued. */
export interface CentralHallView {
  id: string;
  name: string;
  createdAt: number;
  credentialIssuedAt: number;
  lastEventId: number;
  lastContactAt: number | null;
  timeZone: string | null;
}

export interface HallCredential {
  hall: CentralHallView;
  /** The bearer token the hall ships with (VUORO_CENTRAL_TOKEN). Stored only as a hash at central. */
  token: string;
}

export const NewCentralUser = z.strictObject({
  username: z.string().min(1).max(40).regex(/^[\w.@-]+$/),
  displayName: Text,
  password: z.string().min(10).max(200),
  role: Role.exclude(['staff']),
  organisationId: z.string().min(1).max(40).nullable().default(null),
});
export type NewCentralUser = z.infer<typeof NewCentralUser>;

/** Statistics at central: the hall's statistics queries plus a hall filter. */
export const CentralStatsQuery = z
  .strictObject({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    hallId: Id.optional(),
    organisationId: z.string().min(1).max(40).optional(),
    serviceId: z.string().min(1).max(40).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: '"from" must not be after "to"' });
  });
export type CentralStatsQuery = z.infer<typeof CentralStatsQuery>;

export type HallFigures = StatsFigures & { hallId: string; hallName: string };

export interface CentralSummary {
  from: string;
  to: string;
  totals: StatsFigures;
  /** One row per hall, side by side. */
  byHall: HallFigures[];
  /** Per service, across the halls in scope. */
  byService: (StatsFigures & { serviceId: string; organisationId: string | null })[];
  /** Per hall and service: the service level of each service in each hall. */
  byHallService: (StatsFigures & { hallId: string; serviceId: string; organisationId: string | null })[];
}

export type CentralDailyRow = DailyRow;
export type CentralHeatmapCell = HeatmapCell;

export interface CentralFeedback extends FeedbackSlice {
  from: string;
  to: string;
  /** Ratings count only from a hall's service-days with at least this many finished visits. */
  minFinishedVisits: number;
  byHall: (FeedbackSlice & { hallId: string; hallName: string })[];
}

/** GET /api/v1/stats/live at central: today so far in every hall, optionally one hall, organisation or service. */
export const CentralLiveQuery = z.strictObject({
  hallId: Id.optional(),
  organisationId: z.string().min(1).max(40).optional(),
  serviceId: z.string().min(1).max(40).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type CentralLiveQuery = z.infer<typeof CentralLiveQuery>;

/** Today's live figures, with the hall's definitions (see LiveStats). */
export interface LiveFigures {
  tickets: number;
  waitingNow: number;
  inServiceNow: number;
  done: number;
  meanWaitMs: number | null;
  serviceLevel: number | null;
  longestWaitMs: number | null;
  countersOpen: number;
  countersPaused: number;
}

export interface CentralHallLive extends LiveFigures {
  hallId: string;
  hallName: string;
  /** The hall's local date ("today" there). */
  date: string;
  /** When the hall last shipped or sent its heartbeat (every 30 s while connected). */
  lastContactAt: number | null;
  /** When the newest event central holds for the hall happened at the hall. */
  lastEventAt: number | null;
  /** live: heard from within 2 minutes; stale: not since; never: nothing received yet. */
  contact: 'live' | 'stale' | 'never';
}

export interface CentralLive {
  now: number;
  totals: LiveFigures;
  byHall: CentralHallLive[];
}

/** Counter time per hall, counter and staff member, folded at central with the hall's rule. */
export type CentralCounterTime = CounterTime & { hallId: string };

/** GET /api/v1/central: tells a client it talks to a central server. */
export interface CentralInfo {
  mode: 'central';
  halls: number;
}
