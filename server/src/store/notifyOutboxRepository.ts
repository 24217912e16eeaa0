import type { Language, NotifyChannel, NotifyKind, OutboxMessageView, OutboxStatus } from '../protocol/index.js';
import type { Db } from './database.js';

/** What a queued message says (filled into the catalog text when it is sent). */
export interface MessageParams {
  /** The ticket's number; a booking's reminder has none (empty). */
  number: string;
  counter?: string;
  ahead?: number;
  /** Skipped: minutes the ticket is kept. Reminder: the slot's local date and time. */
  graceMinutes?: number;
  date?: string;
  time?: string;
}

export interface NewMessage {
  key: string;
  contactId?: number;
  bookingContactId?: number;
  ticketId: number | null;
  appointmentId?: number;
  serviceId: string;
  channel: NotifyChannel;
  masked: string;
  language: Language;
  kind: NotifyKind;
  params: MessageParams;
  at: number;
}

/** A pending message due now, with its contact's address (null once the visit ended and the contact was deleted). */
export interface DueMessage {
  id: number;
  key: string;
  ticketId: number | null;
  appointmentId: number | null;
  serviceId: string;
  channel: NotifyChannel;
  language: Language;
  kind: NotifyKind;
  params: MessageParams;
  attempts: number;
  createdAt: number;
  address: string | null;
  statusToken: string | null;
  /** A reminder's booking code (for the link to the booking's page). */
  bookingCode: string | null;
}

interface OutboxRow {
  id: number;
  key: string;
  ticket_id: number | null;
  appointment_id: number | null;
  service_id: string;
  channel: NotifyChannel;
  masked: string;
  language: Language;
  kind: NotifyKind;
  params: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_attempt_at: number | null;
  last_error: string | null;
  sent_at: number | null;
  number: string | null;
}

interface DueRow extends OutboxRow {
  address: string | null;
  status_token: string | null;
  booking_code: string | null;
}

const toView = (r: OutboxRow): OutboxMessageView => ({
  id: r.id,
  ticketId: r.ticket_id,
  appointmentId: r.appointment_id,
  number: r.number,
  serviceId: r.service_id,
  channel: r.channel,
  masked: r.masked,
  kind: r.kind,
  status: r.status,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  sentAt: r.sent_at,
});

/** The outbox of messages to visitors (table notify_outbox): queued, sent, tried again, settled. */
export class NotifyOutboxRepository {
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly nextDueStmt;
  private readonly sentStmt;
  private readonly failedStmt;
  private readonly dropStmt;
  private readonly retryStmt;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly countsStmt;
  private readonly purgeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO notify_outbox (key, contact_id, booking_contact_id, ticket_id, appointment_id, service_id, channel, masked, language, kind,
                                  params, status, next_attempt_at, created_at)
       VALUES (@key, @contactId, @bookingContactId, @ticketId, @appointmentId, @serviceId, @channel, @masked, @language, @kind,
               @params, 'pending', @at, @at)
       ON CONFLICT (key) DO NOTHING`,
    );
    this.dueStmt = db.prepare<[number, number], DueRow>(
      `SELECT o.*, coalesce(c.address, b.address) AS address, t.number, t.status_token, a.code AS booking_code
         FROM notify_outbox o
         LEFT JOIN notify_contacts c ON c.id = o.contact_id
         LEFT JOIN booking_contacts b ON b.id = o.booking_contact_id
         LEFT JOIN tickets t ON t.id = o.ticket_id
         LEFT JOIN appointments a ON a.id = o.appointment_id
        WHERE o.status = 'pending' AND o.next_attempt_at <= ?
        ORDER BY o.next_attempt_at, o.id LIMIT ?`,
    );
    this.nextDueStmt = db.prepare<[], { at: number | null }>(`SELECT min(next_attempt_at) AS at FROM notify_outbox WHERE status = 'pending'`);
    this.sentStmt = db.prepare(
      `UPDATE notify_outbox SET status = 'sent', attempts = attempts + 1, last_attempt_at = @at, sent_at = @at, last_error = NULL
        WHERE id = @id AND status = 'pending'`,
    );
    this.failedStmt = db.prepare(
      `UPDATE notify_outbox SET status = @status, attempts = attempts + 1, last_attempt_at = @at, last_error = @error,
         next_attempt_at = @next WHERE id = @id AND status = 'pending'`,
    );
    this.dropStmt = db.prepare(
      `UPDATE notify_outbox SET status = 'dropped', last_error = @reason, last_attempt_at = @at WHERE id = @id AND status = 'pending'`,
    );
    this.retryStmt = db.prepare(
      `UPDATE notify_outbox SET status = 'pending', attempts = 0, next_attempt_at = @at, created_at = @at, last_error = NULL
        WHERE id = @id AND status = 'failed' AND (contact_id IS NOT NULL OR booking_contact_id IS NOT NULL)`,
    );
    this.listStmt = db.prepare<{ status: string | null; services: string | null; limit: number }, OutboxRow>(
      `SELECT o.*, t.number FROM notify_outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
        WHERE (@status IS NULL OR o.status = @status)
          AND (@services IS NULL OR o.service_id IN (SELECT value FROM json_each(@services)))
        ORDER BY o.id DESC LIMIT @limit`,
    );
    this.byIdStmt = db.prepare<[number], OutboxRow>(
      'SELECT o.*, t.number FROM notify_outbox o LEFT JOIN tickets t ON t.id = o.ticket_id WHERE o.id = ?',
    );
    this.countsStmt = db.prepare<[], { status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM notify_outbox GROUP BY status');
    this.purgeStmt = db.prepare(`DELETE FROM notify_outbox WHERE created_at < ? AND status <> 'pending'`);
  }

  /** Queues a message unless one with the same key exists; true when queued. */
  enqueue(m: NewMessage): boolean {
    return (
      this.insertStmt.run({
        key: m.key,
        contactId: m.contactId ?? null,
        bookingContactId: m.bookingContactId ?? null,
        ticketId: m.ticketId,
        appointmentId: m.appointmentId ?? null,
        serviceId: m.serviceId,
        channel: m.channel,
        masked: m.masked,
        language: m.language,
        kind: m.kind,
        params: JSON.stringify(m.params),
        at: m.at,
      }).changes > 0
    );
  }

  due(now: number, limit: number): DueMessage[] {
    return this.dueStmt.all(now, limit).map((r) => ({
      id: r.id,
      key: r.key,
      ticketId: r.ticket_id,
      appointmentId: r.appointment_id,
      serviceId: r.service_id,
      channel: r.channel,
      language: r.language,
      kind: r.kind,
      params: JSON.parse(r.params) as MessageParams,
      attempts: r.attempts,
      createdAt: r.created_at,
      address: r.address,
      statusToken: r.status_token,
      bookingCode: r.booking_code,
    }));
  }

  nextDueAt(): number | null {
    return this.nextDueStmt.get()?.at ?? null;
  }

  markSent(id: number, at: number): void {
    this.sentStmt.run({ id, at });
  }

  /** A failed attempt: tried again at `next`, or failed for good when `next` is null. */
  markFailed(id: number, at: number, error: string, next: number | null): void {
    this.failedStmt.run({ id, at, error: error.slice(0, 500), status: next === null ? 'failed' : 'pending', next: next ?? at });
  }

  drop(id: number, at: number, reason: string): void {
    this.dropStmt.run({ id, at, reason });
  }

  /** Sends a failed message again (only while its visitor's contact still exists). */
  retry(id: number, at: number): boolean {
    return this.retryStmt.run({ id, at }).changes > 0;
  }

  /** Newest first; `services`: only messages about these services (null: all). */
  list(status: OutboxStatus | null, limit: number, services: readonly string[] | null = null): OutboxMessageView[] {
    return this.listStmt.all({ status, limit, services: services === null ? null : JSON.stringify(services) }).map(toView);
  }

  byId(id: number): OutboxMessageView | undefined {
    const r = this.byIdStmt.get(id);
    return r && toView(r);
  }

  counts(): Record<OutboxStatus, number> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, dropped: 0 };
    for (const r of this.countsStmt.all()) counts[r.status] = r.n;
    return counts;
  }

  /** Deletes settled messages created before `before` (they hold no address, only a masked one). */
  purge(before: number): number {
    return this.purgeStmt.run(before).changes;
  }
}
