import { DomainError, type Ticket } from '../domain/index.js';
import {
  AHEAD_MAX,
  type Language,
  type NotificationsStatusView,
  type NotifyChannel,
  type NotifyChannelsView,
  type NotifyOptInRequest,
  type NotifyOptionsView,
  type OutboxMessageView,
  type OutboxStatus,
  type PushUnavailable,
} from '../protocol/index.js';
import { DEFAULT_PUSH_ENDPOINTS } from '../protocol/index.js';
import type { HallModel } from '../services/hallModel.js';
import type { Store } from '../store/index.js';
import { maskEmail, maskPhone, maskPush, normaliseEmail, normalisePhone } from './contact.js';
import type { VapidKeys } from './vapid.js';

/** A booking's reminder contact, checked and normalised. */
export interface BookingContactInput {
  channel: 'email' | 'sms';
  address: string;
  masked: string;
}

/** The same check as the status page's, naming the booking form's field. */
function fieldNamed(field: 'email' | 'phone', check: () => string): string {
  try {
    return check();
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError(err.code, err.message, { field });
    throw err;
  }
}

/** Opt-ins are taken while the visitor still waits for their turn. */
const OPEN_STATES: readonly string[] = ['waiting', 'parked'];

/** Why Web Push cannot be offered in this hall (null: it can). */
export function pushUnavailable(hall: HallModel): PushUnavailable | null {
  if (hall.config.notifications?.push?.enabled === false) return 'disabled';
  const url = hall.config.hall.publicUrl;
  if (!url || !url.startsWith('https://')) return 'not-https';
  return null;
}

/**
 * Visitors' opt-ins ("tell me when N people are ahead / when I am called", by email, SMS or push) and what staff see
 * of the outbox. The visitor acts with their ticket's status token; staff never see an address, only a masked one.
 */
export class NotifyService {
  private wake: () => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly hall: () => HallModel,
    private readonly now: () => number,
    private readonly vapid: VapidKeys,
  ) {}

  /** Who wakes the worker when an opt-in or a retry needs it. */
  onChange(wake: () => void): void {
    this.wake = wake;
  }

  channels(): NotifyChannelsView {
    const hall = this.hall();
    const n = hall.config.notifications;
    const reason = pushUnavailable(hall);
    return {
      email: n?.email !== undefined,
      sms: n?.sms !== undefined,
      push: { available: reason === null, reason, publicKey: reason === null ? this.vapid.publicKey : null },
    };
  }

  options(token: string): NotifyOptionsView {
    return this.optionsOf(this.ticket(token));
  }

  optIn(token: string, req: NotifyOptInRequest): NotifyOptionsView {
    const t = this.ticket(token);
    if (!OPEN_STATES.includes(t.state)) {
      throw new DomainError('conflict', 'Notifications can be asked for only while the ticket is waiting.');
    }
    const hall = this.hall();
    const channels = this.channels();
    let address: string;
    let masked: string;
    if (req.channel === 'email') {
      if (!channels.email) throw new DomainError('conflict', 'This hall does not send email.');
      address = normaliseEmail(req.address);
      masked = maskEmail(address);
    } else if (req.channel === 'sms') {
      if (!channels.sms) throw new DomainError('conflict', 'This hall does not send text messages.');
      address = normalisePhone(req.address, hall.config.notifications?.sms?.defaultCountryCode);
      masked = maskPhone(address);
    } else {
      if (!channels.push.available) {
        throw new DomainError(
          'conflict',
          channels.push.reason === 'not-https'
            ? "Push notifications need the hall's public address (publicUrl) to be https://."
            : 'Push notifications are turned off in this hall.',
        );
      }
      const allowed = hall.config.notifications?.push?.allowedEndpoints ?? DEFAULT_PUSH_ENDPOINTS;
      if (!allowed.some((prefix) => req.subscription.endpoint.startsWith(prefix))) {
        throw new DomainError('validation_failed', 'That push service is not one this hall sends to.', { field: 'subscription.endpoint' });
      }
      address = JSON.stringify({ endpoint: req.subscription.endpoint, keys: req.subscription.keys });
      masked = maskPush(req.subscription.endpoint);
    }
    const language = req.language && hall.config.hall.languages.includes(req.language) ? req.language : t.language;
    this.store.transaction(() => {
      this.store.notifyContacts.upsert({ ticketId: t.id, channel: req.channel, address, masked, language, ahead: req.ahead, onCall: req.onCall }, this.now());
    });
    this.wake();
    return this.optionsOf(t);
  }

  /**
   * A booking's reminder contacts, checked and normalised (a malformed address: 422; a channel the hall does not
   * send: 409, after the format check). Called before the booking is made, so a refusal stores nothing.
   */
  bookingContacts(req: { email?: string | undefined; phone?: string | undefined }): BookingContactInput[] {
    const out: BookingContactInput[] = [];
    const channels = this.channels();
    if (req.email !== undefined) {
      const address = fieldNamed('email', () => normaliseEmail(req.email ?? ''));
      if (!channels.email) throw new DomainError('conflict', 'This hall does not send email reminders.', { field: 'email' });
      out.push({ channel: 'email', address, masked: maskEmail(address) });
    }
    if (req.phone !== undefined) {
      const cc = this.hall().config.notifications?.sms?.defaultCountryCode;
      const address = fieldNamed('phone', () => normalisePhone(req.phone ?? '', cc));
      if (!channels.sms) throw new DomainError('conflict', 'This hall does not send text message reminders.', { field: 'phone' });
      out.push({ channel: 'sms', address, masked: maskPhone(address) });
    }
    return out;
  }

  /** Stores checked contacts for the booking (inside the booking's transaction); returns them masked. */
  saveBookingContacts(appointmentId: number, contacts: readonly BookingContactInput[], language: Language): { channel: 'email' | 'sms'; masked: string }[] {
    const now = this.now();
    for (const c of contacts) this.store.bookingContacts.upsert({ appointmentId, channel: c.channel, address: c.address, masked: c.masked, language }, now);
    if (contacts.length > 0) this.wake();
    return contacts.map((c) => ({ channel: c.channel, masked: c.masked }));
  }

  optOut(token: string, channel: NotifyChannel): NotifyOptionsView {
    const t = this.ticket(token);
    this.store.transaction(() => this.store.notifyContacts.removeContact(t.id, channel));
    return this.optionsOf(t);
  }

  /** The outbox for staff, newest first; `visible` limits it to services the staff member may see. */
  list(status: OutboxStatus | null, limit: number, visible: (serviceId: string) => boolean): OutboxMessageView[] {
    const services = this.hall().config.services.map((s) => s.id);
    const mine = services.filter(visible);
    return this.store.notifyOutbox.list(status, limit, mine.length === services.length ? null : mine);
  }

  /** Sends a failed message again (409 when it is not failed, or its visit has ended and the address is gone). */
  retry(id: number, visible: (serviceId: string) => boolean): OutboxMessageView {
    const m = this.store.notifyOutbox.byId(id);
    if (!m || !visible(m.serviceId)) throw new DomainError('not_found', `There is no message ${id}.`);
    const ok = this.store.transaction(() => this.store.notifyOutbox.retry(id, this.now()));
    if (!ok) {
      throw new DomainError(
        'conflict',
        m.status === 'failed' ? "This visit has ended: the visitor's address is deleted, so the message cannot be sent." : `Message ${id} is ${m.status}, not failed.`,
      );
    }
    this.wake();
    const after = this.store.notifyOutbox.byId(id);
    if (!after) throw new DomainError('not_found', `There is no message ${id}.`);
    return after;
  }

  status(): NotificationsStatusView {
    return { channels: this.channels(), publicUrl: this.hall().config.hall.publicUrl ?? null, counts: this.store.notifyOutbox.counts() };
  }

  private ticket(token: string): Ticket {
    const t = token.length <= 200 ? this.store.tickets.byToken(token) : undefined;
    if (!t) throw new DomainError('not_found', 'There is no ticket with this link.');
    return t;
  }

  private optionsOf(t: Ticket): NotifyOptionsView {
    return {
      channels: this.channels(),
      aheadMax: AHEAD_MAX,
      open: OPEN_STATES.includes(t.state),
      contacts: this.store.notifyContacts.contactsOf(t.id).map((c) => ({ channel: c.channel, masked: c.masked, ahead: c.ahead, onCall: c.onCall })),
    };
  }
}
