import type { Language, NotifyChannel } from '../protocol/index.js';
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

const ACTIVE = `('waiting', 'called', 'serving', 'parked')`;

/** Visitors' opt-ins for messages about their ticket (table notify_contacts). */
export class NotifyContactRepository {
  private readonly upsertStmt;
  private readonly contactsOfStmt;
  private readonly deleteContactStmt;
  private readonly deleteContactsOfStmt;
  private readonly armedStmt;
  private readonly markAheadStmt;
  private readonly endedContactsStmt;
  private readonly settledContactsStmt;

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
  purge(createdBefore: number, noShowBefore: number): number {
    return this.endedContactsStmt.run({ createdBefore, noShowBefore }).changes;
  }

  armed(): ArmedContact[] {
    return this.armedStmt.all().map((r) => ({ id: r.id, ticketId: r.ticket_id, ahead: r.ahead, serviceId: r.service_id, queuedAt: r.queued_at }));
  }

  markAheadSent(contactId: number): void {
    this.markAheadStmt.run(contactId);
  }

  /** Deletes the contacts of an ended visit once no "expired" message of theirs is still pending. */
  removeSettledContactsOf(ticketId: number): number {
    return this.settledContactsStmt.run(ticketId).changes;
  }
}
