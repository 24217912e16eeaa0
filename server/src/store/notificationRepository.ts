import type { Language, NotifyChannel, NotifyKind, OutboxMessageView, OutboxStatus } from '../protocol/index.js';
import type { Db } from './database.js';

/** A visitor's opt-in for one channel of one ticket (the address is personal data: deleted when the visit ends). */
export interface NotifyContact {
  id: number;
  ticketId: number;
  channel: NotifyChannel;
  address: string;
  masked: string;
  language: Language;
  ahead: number | null;
  aheadSent: boolean;
  onCall: boolean;
  createdAt: number;
}

/** An opt-in still waiting for its "N ahead" moment, with what the position query needs. */
export interface ArmedContact {
  id: number;
  ticketId: number;
  ahead: number;
  serviceId: string;
  queuedAt: number;
}

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

/** A booking's contact for its reminders (personal data, kept only while the booking is booked and ahead). */
export interface BookingContact {
  id: number;
  appointmentId: number;
  channel: 'email' | 'sms';
  address: string;
  masked: string;
  language: Language;
  createdAt: number;
}

/** A booking contact whose booking is still ahead, with the booking's slot. */
export interface ReminderCandidate {
  contactId: number;
  appointmentId: number;
  serviceId: string;
  slotAt: number;
  channel: 'email' | 'sms';
  masked: string;
  language: Language;
  createdAt: number;
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

interface ContactRow {
  id: number;
  ticket_id: number;
  channel: NotifyChannel;
  address: string;
  masked: string;
  language: Language;
  ahead: number | null;
  ahead_sent: number;
  on_call: number;
  created_at: number;
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

interface BookingContactRow {
  id: number;
  appointment_id: number;
  channel: 'email' | 'sms';
  address: string;
  masked: string;
  language: Language;
  created_at: number;
}

const toContact = (r: ContactRow): NotifyContact => ({
  id: r.id,
  ticketId: r.ticket_id,
  channel: r.channel,
  address: r.address,
  masked: r.masked,
  language: r.language,
  ahead: r.ahead,
  aheadSent: r.ahead_sent === 1,
  onCall: r.on_call === 1,
  createdAt: r.created_at,
});

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

const ACTIVE = `('waiting', 'called', 'serving', 'parked')`;

/** Visitors' notification opt-ins and the outbox of messages to them. */
export class NotificationRepository {
  private readonly upsertStmt;
  private readonly contactsOfStmt;
  private readonly deleteContactStmt;
  private readonly deleteContactsOfStmt;
  private readonly armedStmt;
  private readonly markAheadStmt;
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
  private readonly endedContactsStmt;
  private readonly settledContactsStmt;
  private readonly bookingUpsertStmt;
  private readonly bookingContactsStmt;
  private readonly bookingDeleteStmt;
  private readonly bookingDeleteAllStmt;
  private readonly bookingPurgeStmt;
  private readonly remindableStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO notify_contacts (ticket_id, channel, address, masked, language, ahead, ahead_sent, on_call, created_at)
       VALUES (@ticketId, @channel, @address, @masked, @language, @ahead, 0, @onCall, @at)
       ON CONFLICT (ticket_id, channel) DO UPDATE SET address = excluded.address, masked = excluded.masked,
         language = excluded.language, ahead = excluded.ahead, on_call = excluded.on_call,
         ahead_sent = CASE WHEN notify_contacts.ahead IS excluded.ahead THEN notify_contacts.ahead_sent ELSE 0 END`,
    );
    this.contactsOfStmt = db.prepare<[number], ContactRow>('SELECT * FROM notify_contacts WHERE ticket_id = ? ORDER BY channel');
    this.deleteContactStmt = db.prepare('DELETE FROM notify_contacts WHERE ticket_id = ? AND channel = ?');
    this.deleteContactsOfStmt = db.prepare('DELETE FROM notify_contacts WHERE ticket_id = ?');
    this.armedStmt = db.prepare<[], { id: number; ticket_id: number; ahead: number; service_id: string; queued_at: number }>(
      `SELECT c.id, c.ticket_id, c.ahead, t.service_id, t.queued_at
         FROM notify_contacts c JOIN tickets t ON t.id = c.ticket_id
        WHERE c.ahead IS NOT NULL AND c.ahead_sent = 0 AND t.state = 'waiting'`,
    );
    this.markAheadStmt = db.prepare('UPDATE notify_contacts SET ahead_sent = 1 WHERE id = ?');
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
    // A no-show counts as active while it may still be put back in the queue (its grace), then it is over.
    this.endedContactsStmt = db.prepare<{ createdBefore: number; noShowBefore: number }>(
      `DELETE FROM notify_contacts WHERE ticket_id IN (
         SELECT c.ticket_id FROM notify_contacts c JOIN tickets t ON t.id = c.ticket_id
          WHERE (t.state NOT IN ${ACTIVE} AND NOT (t.state = 'no-show' AND t.no_show_at >= @noShowBefore)
                 AND NOT EXISTS (SELECT 1 FROM notify_outbox o WHERE o.contact_id = c.id AND o.status = 'pending' AND o.kind = 'expired'))
             OR c.created_at < @createdBefore)`,
    );
    // After a message settles: the contacts of a visit that is over go once its last message ("expired") is settled.
    this.settledContactsStmt = db.prepare<[number]>(
      `DELETE FROM notify_contacts AS c WHERE c.ticket_id = ?
          AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id AND t.state NOT IN ${ACTIVE})
          AND NOT EXISTS (SELECT 1 FROM notify_outbox o WHERE o.contact_id = c.id AND o.status = 'pending' AND o.kind = 'expired')`,
    );
    this.bookingUpsertStmt = db.prepare(
      `INSERT INTO booking_contacts (appointment_id, channel, address, masked, language, created_at)
       VALUES (@appointmentId, @channel, @address, @masked, @language, @at)
       ON CONFLICT (appointment_id, channel) DO UPDATE SET address = excluded.address, masked = excluded.masked, language = excluded.language`,
    );
    this.bookingContactsStmt = db.prepare<[number], BookingContactRow>('SELECT * FROM booking_contacts WHERE appointment_id = ? ORDER BY channel');
    this.bookingDeleteStmt = db.prepare('DELETE FROM booking_contacts WHERE appointment_id = ? AND channel = ?');
    this.bookingDeleteAllStmt = db.prepare('DELETE FROM booking_contacts WHERE appointment_id = ?');
    this.bookingPurgeStmt = db.prepare<[number]>(
      `DELETE FROM booking_contacts WHERE id IN (
         SELECT b.id FROM booking_contacts b JOIN appointments a ON a.id = b.appointment_id WHERE a.state <> 'booked' OR a.slot_at <= ?)`,
    );
    this.remindableStmt = db.prepare<{ now: number; horizon: number }, { id: number; appointment_id: number; service_id: string; slot_at: number; channel: 'email' | 'sms'; masked: string; language: Language; created_at: number }>(
      `SELECT b.id, b.appointment_id, a.service_id, a.slot_at, b.channel, b.masked, b.language, b.created_at
         FROM booking_contacts b JOIN appointments a ON a.id = b.appointment_id
        WHERE a.state = 'booked' AND a.slot_at > @now AND a.slot_at <= @horizon`,
    );
  }

  /** Creates or replaces the ticket's opt-in for this channel (a changed "N ahead" is armed again). */
  upsert(c: Omit<NotifyContact, 'id' | 'aheadSent' | 'createdAt'>, at: number): void {
    this.upsertStmt.run({
      ticketId: c.ticketId,
      channel: c.channel,
      address: c.address,
      masked: c.masked,
      language: c.language,
      ahead: c.ahead,
      onCall: c.onCall ? 1 : 0,
      at,
    });
  }

  contactsOf(ticketId: number): NotifyContact[] {
    return this.contactsOfStmt.all(ticketId).map(toContact);
  }

  removeContact(ticketId: number, channel: NotifyChannel): boolean {
    return this.deleteContactStmt.run(ticketId, channel).changes > 0;
  }

  /** Deletes every contact of the ticket (the visit ended); pending messages lose their address and are dropped. */
  removeContactsOf(ticketId: number): number {
    return this.deleteContactsOfStmt.run(ticketId).changes;
  }

  /**
   * Deletes the contacts of visits that are over (a no-show once it was marked before `noShowBefore`), and any made
   * before `createdBefore` (the scheduled purge).
   */
  purgeContacts(createdBefore: number, noShowBefore: number): number {
    return this.endedContactsStmt.run({ createdBefore, noShowBefore }).changes;
  }

  armed(): ArmedContact[] {
    return this.armedStmt.all().map((r) => ({ id: r.id, ticketId: r.ticket_id, ahead: r.ahead, serviceId: r.service_id, queuedAt: r.queued_at }));
  }

  markAheadSent(contactId: number): void {
    this.markAheadStmt.run(contactId);
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
  purgeOutbox(before: number): number {
    return this.purgeStmt.run(before).changes;
  }

  /** Deletes the contacts of an ended visit once no "expired" message of theirs is still pending. */
  removeSettledContactsOf(ticketId: number): number {
    return this.settledContactsStmt.run(ticketId).changes;
  }

  /** Creates or replaces the booking's contact for this channel. */
  upsertBookingContact(c: Omit<BookingContact, 'id' | 'createdAt'>, at: number): void {
    this.bookingUpsertStmt.run({ appointmentId: c.appointmentId, channel: c.channel, address: c.address, masked: c.masked, language: c.language, at });
  }

  bookingContactsOf(appointmentId: number): BookingContact[] {
    return this.bookingContactsStmt.all(appointmentId).map((r) => ({
      id: r.id,
      appointmentId: r.appointment_id,
      channel: r.channel,
      address: r.address,
      masked: r.masked,
      language: r.language,
      createdAt: r.created_at,
    }));
  }

  removeBookingContact(appointmentId: number, channel: 'email' | 'sms'): boolean {
    return this.bookingDeleteStmt.run(appointmentId, channel).changes > 0;
  }

  /** Deletes every contact of the booking (cancelled, checked in, no-show); its pending reminders are dropped. */
  removeBookingContactsOf(appointmentId: number): number {
    return this.bookingDeleteAllStmt.run(appointmentId).changes;
  }

  /** The scheduled purge: contacts of bookings no longer booked, or whose slot has begun. */
  purgeBookingContacts(now: number): number {
    return this.bookingPurgeStmt.run(now).changes;
  }

  /** Contacts of bookings still booked whose slot is after `now` and at or before `horizon`. */
  remindable(now: number, horizon: number): ReminderCandidate[] {
    return this.remindableStmt.all({ now, horizon }).map((r) => ({
      contactId: r.id,
      appointmentId: r.appointment_id,
      serviceId: r.service_id,
      slotAt: r.slot_at,
      channel: r.channel,
      masked: r.masked,
      language: r.language,
      createdAt: r.created_at,
    }));
  }
}
