import type { Language } from '../protocol/index.js';
import type { Db } from './database.js';

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

interface BookingContactRow {
  id: number;
  appointment_id: number;
  channel: 'email' | 'sms';
  address: string;
  masked: string;
  language: Language;
  created_at: number;
}

/** Bookings' contacts for their reminders (table booking_contacts). */
export class BookingContactRepository {
  private readonly upsertStmt;
  private readonly contactsOfStmt;
  private readonly deleteStmt;
  private readonly deleteAllStmt;
  private readonly purgeStmt;
  private readonly remindableStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO booking_contacts (appointment_id, channel, address, masked, language, created_at)
       VALUES (@appointmentId, @channel, @address, @masked, @language, @at)
       ON CONFLICT (appointment_id, channel) DO UPDATE SET address = excluded.address, masked = excluded.masked, language = excluded.language`,
    );
    this.contactsOfStmt = db.prepare<[number], BookingContactRow>('SELECT * FROM booking_contacts WHERE appointment_id = ? ORDER BY channel');
    this.deleteStmt = db.prepare('DELETE FROM booking_contacts WHERE appointment_id = ? AND channel = ?');
    this.deleteAllStmt = db.prepare('DELETE FROM booking_contacts WHERE appointment_id = ?');
    this.purgeStmt = db.prepare<[number]>(
      `DELETE FROM booking_contacts WHERE id IN (
         SELECT b.id FROM booking_contacts b JOIN appointments a ON a.id = b.appointment_id WHERE a.state <> 'booked' OR a.slot_at <= ?)`,
    );
    this.remindableStmt = db.prepare<{ now: number; horizon: number }, { id: number; appointment_id: number; service_id: string; slot_at: number; channel: 'email' | 'sms'; masked: string; language: Language; created_at: number }>(
      `SELECT b.id, b.appointment_id, a.service_id, a.slot_at, b.channel, b.masked, b.language, b.created_at
         FROM booking_contacts b JOIN appointments a ON a.id = b.appointment_id
        WHERE a.state = 'booked' AND a.slot_at > @now AND a.slot_at <= @horizon`,
    );
  }

  /** Creates or replaces the booking's contact for this channel. */
  upsert(c: Omit<BookingContact, 'id' | 'createdAt'>, at: number): void {
    this.upsertStmt.run({ appointmentId: c.appointmentId, channel: c.channel, address: c.address, masked: c.masked, language: c.language, at });
  }

  contactsOf(appointmentId: number): BookingContact[] {
    return this.contactsOfStmt.all(appointmentId).map((r) => ({
      id: r.id,
      appointmentId: r.appointment_id,
      channel: r.channel,
      address: r.address,
      masked: r.masked,
      language: r.language,
      createdAt: r.created_at,
    }));
  }

  removeContact(appointmentId: number, channel: 'email' | 'sms'): boolean {
    return this.deleteStmt.run(appointmentId, channel).changes > 0;
  }

  /** Deletes every contact of the booking (cancelled, checked in, no-show); its pending reminders are dropped. */
  removeContactsOf(appointmentId: number): number {
    return this.deleteAllStmt.run(appointmentId).changes;
  }

  /** The scheduled purge: contacts of bookings no longer booked, or whose slot has begun. */
  purge(now: number): number {
    return this.purgeStmt.run(now).changes;
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
