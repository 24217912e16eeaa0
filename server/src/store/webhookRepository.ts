import type { DeliveryStatus, EventType, EventView, WebhookDeliveryView, WebhookView } from '../protocol/index.js';
import { webhookEventType } from '../protocol/index.js';
import type { Db } from './database.js';
import { toEventView } from './eventRepository.js';

export interface WebhookRecord extends Omit<WebhookView, 'counts' | 'eventTypes'> {
  secret: string;
  /** Stored event types (`ticket_issued`). */
  eventTypes: EventType[];
}

/** A delivery due now, with its subscription and event. */
export interface DueDelivery {
  id: number;
  subscriptionId: number;
  attempts: number;
  createdAt: number;
  event: EventView;
  ticketNumber: string | null;
}

interface SubscriptionRow {
  id: number;
  url: string;
  description: string;
  secret: string;
  event_types: string;
  organisation_id: string | null;
  service_ids: string | null;
  allow_http: number;
  active: number;
  created_at: number;
}

interface DeliveryRow {
  id: number;
  subscription_id: number;
  event_id: number;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
  event_type: EventType;
}

interface DueRow {
  id: number;
  subscription_id: number;
  attempts: number;
  created_at: number;
  e_id: number;
  e_type: EventType;
  e_at: number;
  e_ticket_id: number | null;
  e_counter_id: string | null;
  e_user_id: number | null;
  e_service_id: string | null;
  e_data: string | null;
  ticket_number: string | null;
}

function toRecord(r: SubscriptionRow): WebhookRecord {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    secret: r.secret,
    eventTypes: JSON.parse(r.event_types) as EventType[],
    organisationId: r.organisation_id,
    serviceIds: r.service_ids === null ? null : (JSON.parse(r.service_ids) as string[]),
    allowHttp: r.allow_http === 1,
    active: r.active === 1,
    createdAt: r.created_at,
  };
}

function toDeliveryView(r: DeliveryRow): WebhookDeliveryView {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    eventType: webhookEventType(r.event_type),
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  };
}

/**
 * Webhook subscriptions and their outbox. Deliveries are created by the `events_webhook_outbox` trigger in the
 * transaction that appends the event; this repository only reads and settles them.
 */
export class WebhookRepository {
  private readonly insertStmt;
  private readonly allStmt;
  private readonly byIdStmt;
  private readonly setActiveStmt;
  private readonly deleteStmt;
  private readonly countsStmt;
  private readonly headsStmt;
  private readonly nextDueStmt;
  private readonly deliveredStmt;
  private readonly failedStmt;
  private readonly skippedStmt;
  private readonly replayStmt;
  private readonly deliveryStmt;
  private readonly listStmt;
  private readonly purgeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO webhook_subscriptions (url, description, secret, event_types, organisation_id, service_ids, allow_http, created_at)
       VALUES (@url, @description, @secret, @eventTypes, @organisationId, @serviceIds, @allowHttp, @createdAt)`,
    );
    this.allStmt = db.prepare<[], SubscriptionRow>('SELECT * FROM webhook_subscriptions ORDER BY id');
    this.byIdStmt = db.prepare<[number], SubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = ?');
    this.setActiveStmt = db.prepare('UPDATE webhook_subscriptions SET active = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM webhook_subscriptions WHERE id = ?');
    this.countsStmt = db.prepare<[number], { status: DeliveryStatus; n: number }>(
      'SELECT status, count(*) AS n FROM webhook_deliveries WHERE subscription_id = ? GROUP BY status',
    );
    // The oldest pending delivery of each active subscription: deliveries go out in order, one at a time.
    this.headsStmt = db.prepare<[number], DueRow>(
      `SELECT d.id, d.subscription_id, d.attempts, d.created_at,
              e.id AS e_id, e.type AS e_type, e.at AS e_at, e.ticket_id AS e_ticket_id, e.counter_id AS e_counter_id,
              e.user_id AS e_user_id, e.service_id AS e_service_id, e.data AS e_data, t.number AS ticket_number
         FROM (SELECT min(id) AS id FROM webhook_deliveries WHERE status = 'pending' GROUP BY subscription_id) h
         JOIN webhook_deliveries d ON d.id = h.id
         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active = 1
         JOIN events e ON e.id = d.event_id
         LEFT JOIN tickets t ON t.id = e.ticket_id
        WHERE d.next_attempt_at <= ?`,
    );
    this.nextDueStmt = db.prepare<[], { at: number | null }>(
      `SELECT min(d.next_attempt_at) AS at
         FROM (SELECT min(id) AS id FROM webhook_deliveries WHERE status = 'pending' GROUP BY subscription_id) h
         JOIN webhook_deliveries d ON d.id = h.id
         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active = 1`,
    );
    this.deliveredStmt = db.prepare(
      `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = @at, delivered_at = @at,
         last_status = @status, last_error = NULL WHERE id = @id`,
    );
    this.failedStmt = db.prepare(
      `UPDATE webhook_deliveries SET status = @next, attempts = attempts + 1, last_attempt_at = @at, last_status = @status,
         last_error = @error, next_attempt_at = @nextAttemptAt WHERE id = @id`,
    );
    this.skippedStmt = db.prepare(`UPDATE webhook_deliveries SET status = 'skipped', delivered_at = ? WHERE id = ?`);
    this.replayStmt = db.prepare(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = @at, created_at = @at
        WHERE id = @id AND status = 'dead'`,
    );
    this.deliveryStmt = db.prepare<[number], DeliveryRow>(
      `SELECT d.*, e.type AS event_type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ?`,
    );
    this.listStmt = db.prepare<{ sub: number; status: string | null; limit: number }, DeliveryRow>(
      `SELECT d.*, e.type AS event_type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.subscription_id = @sub AND (@status IS NULL OR d.status = @status) ORDER BY d.id DESC LIMIT @limit`,
    );
    this.purgeStmt = db.prepare(
      `DELETE FROM webhook_deliveries
        WHERE (status IN ('delivered', 'skipped') AND created_at < @settledBefore) OR (status = 'dead' AND created_at < @deadBefore)`,
    );
  }

  insert(w: Omit<WebhookRecord, 'id' | 'active'>): WebhookRecord {
    const info = this.insertStmt.run({
      url: w.url,
      description: w.description,
      secret: w.secret,
      eventTypes: JSON.stringify(w.eventTypes),
      organisationId: w.organisationId,
      serviceIds: w.serviceIds === null ? null : JSON.stringify(w.serviceIds),
      allowHttp: w.allowHttp ? 1 : 0,
      createdAt: w.createdAt,
    });
    return { ...w, id: Number(info.lastInsertRowid), active: true };
  }

  all(): WebhookRecord[] {
    return this.allStmt.all().map(toRecord);
  }

  byId(id: number): WebhookRecord | undefined {
    const r = this.byIdStmt.get(id);
    return r && toRecord(r);
  }

  setActive(id: number, active: boolean): void {
    this.setActiveStmt.run(active ? 1 : 0, id);
  }

  /** Removes the subscription and its delivery history. */
  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  counts(id: number): Record<DeliveryStatus, number> {
    const c: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, dead: 0, skipped: 0 };
    for (const r of this.countsStmt.all(id)) c[r.status] = r.n;
    return c;
  }

  /** For each active subscription, its oldest pending delivery if that is due at `now`. */
  dueHeads(now: number): DueDelivery[] {
    return this.headsStmt.all(now).map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      attempts: r.attempts,
      createdAt: r.created_at,
      event: toEventView({
        id: r.e_id,
        type: r.e_type,
        at: r.e_at,
        ticket_id: r.e_ticket_id,
        counter_id: r.e_counter_id,
        user_id: r.e_user_id,
        service_id: r.e_service_id,
        data: r.e_data,
      }),
      ticketNumber: r.ticket_number,
    }));
  }

  /** When the next head delivery is due; null when nothing is pending. */
  nextDueAt(): number | null {
    return this.nextDueStmt.get()?.at ?? null;
  }

  markDelivered(id: number, at: number, status: number): void {
    this.deliveredStmt.run({ id, at, status });
  }

  /** A failed attempt: retried at `nextAttemptAt`, or dead when that is null. */
  markFailed(id: number, at: number, status: number | null, error: string, nextAttemptAt: number | null): void {
    this.failedStmt.run({ id, at, status, error: error.slice(0, 500), next: nextAttemptAt === null ? 'dead' : 'pending', nextAttemptAt: nextAttemptAt ?? at });
  }

  markSkipped(id: number, at: number): void {
    this.skippedStmt.run(at, id);
  }

  /** A dead delivery goes back into the queue with a fresh retry window; false when it is not dead. */
  replay(id: number, at: number): boolean {
    return this.replayStmt.run({ id, at }).changes === 1;
  }

  delivery(id: number): WebhookDeliveryView | undefined {
    const r = this.deliveryStmt.get(id);
    return r && toDeliveryView(r);
  }

  deliveries(subscriptionId: number, status: DeliveryStatus | null, limit: number): WebhookDeliveryView[] {
    return this.listStmt.all({ sub: subscriptionId, status, limit }).map(toDeliveryView);
  }

  /** Keeps the delivery history bounded. */
  purge(settledBefore: number, deadBefore: number): number {
    return this.purgeStmt.run({ settledBefore, deadBefore }).changes;
  }
}
