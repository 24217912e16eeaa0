import type { DomainEvent, NotifyKind } from '../protocol/index.js';
import type { EventBus } from '../services/index.js';
import type { HallModel } from '../services/hallModel.js';
import type { MessageParams, NotifyContact, Store } from '../store/index.js';
import { DEFAULT_NOTIFY_OPTIONS, type NotifyOptions } from './notifyOptions.js';
import { OutboxSender } from './outboxSender.js';
import type { VapidKeys } from './vapid.js';

const MARK_KEY = 'notify.mark';
const CATCH_UP_BATCH = 1_000;
/**
 * The mark is written with the work it covers: a batch of events that queues or deletes nothing (most calls: nobody
 * asked for a message) moves it in memory only, and it is written with the next batch that does, or once this many
 * events have gone by, or at close. After a crash those events are read again, which changes nothing: every message
 * has a unique key (contact, kind and event) and deleting contacts again deletes nothing.
 */
const MARK_EVERY_EVENTS = 500;
const PURGE_EVERY_MS = 600_000;
/** Events that end a visit: the visitor's contact details are deleted in the same transaction. */
const VISIT_ENDS = new Set(['ticket_finished', 'ticket_cancelled', 'ticket_expired']);
/** Events that end a booking's wait: its reminder contacts are deleted in the same transaction. */
const BOOKING_ENDS = new Set(['appointment_cancelled', 'appointment_arrived', 'appointment_no_show']);
/**
 * Events that can give this worker nothing to do: they queue no message (see apply) and move no waiting visitor
 * closer to the front (a new ticket queues behind everyone of its service; see checkAhead). They do not wake the
 * worker, so a rush of issues costs no look at the outbox per ticket; the mark passes them at the next wake.
 */
const NOTHING_TO_DO: ReadonlySet<string> = new Set(['ticket_issued', 'ticket_started', 'ticket_noted', 'feedback_given']);

/**
 * The notifications consumer of the event flow. Live events only wake it: it reads the event log from its own mark
 * (kept in the database, written in the transaction that queues the messages), so after a restart it neither misses
 * an event nor queues a message twice (each has a unique key: contact, kind and event). Messages go out beside the
 * queue, never inside a request: a slow or dead gateway costs a slot here, not a millisecond of a call.
 */
export class NotifyWorker {
  private readonly sender: OutboxSender;
  private scheduled = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private readonly poll: NodeJS.Timeout;
  private lastPurge = 0;
  private closed = false;
  private unsubscribe: () => void = () => undefined;
  /** How far the event log has been read (in memory), and the mark last written to the database. */
  private mark = 0;
  private savedMark = 0;

  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly hall: () => HallModel,
    private readonly now: () => number,
    vapid: VapidKeys,
    private readonly log: (msg: string, err?: unknown) => void,
    private readonly opts: NotifyOptions = DEFAULT_NOTIFY_OPTIONS,
    random: () => number = Math.random,
  ) {
    this.sender = new OutboxSender(store, hall, now, vapid, log, opts, random, () => this.kick());
    this.poll = setInterval(() => this.kick(), opts.pollMs);
    this.poll.unref();
  }

  start(): this {
    // A new database (or one from before notifications) starts from now: the past has no one to tell.
    if (this.store.hall.state(MARK_KEY) === undefined) this.store.hall.setState(MARK_KEY, String(this.store.events.lastId()));
    this.mark = this.savedMark = Number(this.store.hall.state(MARK_KEY) ?? '0');
    this.unsubscribe = this.events.subscribe({
      name: 'notifications',
      handle: (events) => {
        if (events.some((e) => !NOTHING_TO_DO.has(e.type))) this.kick();
      },
    });
    this.kick();
    return this;
  }

  /** Look for work soon; a burst of changes costs one look. */
  kick(): void {
    if (this.closed || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.closed) return;
      try {
        this.run();
      } catch (err) {
        this.log('notifications failed', err);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.poll);
    clearTimeout(this.wakeTimer);
    // Sends in flight end at once (their messages stay pending and go out after the next start).
    const sending = this.sender.close();
    try {
      if (this.mark !== this.savedMark) this.store.hall.setState(MARK_KEY, String(this.mark));
    } catch (err) {
      this.log('notifications could not record how far they read the event log', err);
    }
    await sending;
  }

  private run(): void {
    const now = this.now();
    // Events first: a visit that ended with a message still to send (an expired remote ticket) has it queued
    // before the purge looks at its contacts.
    this.follow();
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      this.purge(now);
    }
    this.checkAhead();
    this.remind(now);
    this.pump();
  }

  /** Deletes opt-ins of visits that are over (or too old) and old settled messages. */
  purge(now: number): void {
    this.store.transaction(() => {
      this.store.notifyContacts.purge(now - this.opts.contactMaxAgeMs, now - this.hall().config.policy.noShowGraceMinutes * 60_000);
      this.store.notifyOutbox.purge(now - this.opts.historyMs);
      this.store.bookingContacts.purge(now);
    });
  }

  /** Reads the event log from the mark: calls queue messages, visits that end delete their contacts. */
  private follow(): void {
    for (;;) {
      const batch = this.events.since(this.mark, CATCH_UP_BATCH);
      const last = batch.at(-1);
      if (!last) return;
      this.store.transaction(() => {
        let wrote = false;
        for (const e of batch) wrote = this.apply(e) || wrote;
        if (wrote || last.id - this.savedMark >= MARK_EVERY_EVENTS) {
          this.store.hall.setState(MARK_KEY, String(last.id));
          this.savedMark = last.id;
        }
      });
      this.mark = last.id;
      if (batch.length < CATCH_UP_BATCH) return;
    }
  }

  /** Queues the messages an event asks for and deletes the contacts it ends; true when it wrote anything. */
  private apply(e: DomainEvent): boolean {
    if (BOOKING_ENDS.has(e.type)) {
      const id = (e.data as { appointmentId?: unknown }).appointmentId;
      return typeof id === 'number' && this.store.bookingContacts.removeContactsOf(id) > 0;
    }
    if (e.ticketId === null) return false;
    if (e.type === 'ticket_skipped' || (e.type === 'ticket_expired' && e.data.notCheckedIn === true)) {
      // A remote ticket's holder is told on every channel they left (they asked to hear about their turn).
      const contacts = this.store.notifyContacts.contactsOf(e.ticketId);
      const t = this.store.tickets.byId(e.ticketId);
      if (!t || contacts.length === 0) return false;
      const kind: NotifyKind = e.type === 'ticket_skipped' ? 'skipped' : 'expired';
      const graceMinutes = e.type === 'ticket_skipped' ? e.data.graceMinutes : undefined;
      const params = graceMinutes === undefined ? { number: t.number } : { number: t.number, graceMinutes };
      for (const c of contacts) this.enqueueAbout(t, c, kind, `${kind}:${e.id}`, params, e.at);
      // The visit is over, but its last message is still to go: the contacts are deleted once it has (see settle).
      return true;
    }
    if (e.type === 'ticket_called' || e.type === 'ticket_recalled') {
      const kind: NotifyKind = e.type === 'ticket_called' ? 'called' : 'recalled';
      const contacts = this.store.notifyContacts.contactsOf(e.ticketId).filter((c) => c.onCall);
      if (contacts.length === 0) return false;
      const t = this.store.tickets.byId(e.ticketId);
      if (!t) return false;
      const counter = (e.counterId && this.hall().counters.get(e.counterId)?.label) ?? e.counterId ?? '';
      for (const c of contacts) this.enqueueAbout(t, c, kind, `${kind}:${e.id}`, { number: t.number, counter }, e.at);
      return true;
    }
    return VISIT_ENDS.has(e.type) && this.store.notifyContacts.removeContactsOf(e.ticketId) > 0;
  }


  /**
   * Queues one message about ticket `t` to one of its contacts. The key is the contact's id and `what` (the kind and
   * the event or the moment): a message already queued under it is not queued again, so catching up twice is harmless.
   */
  private enqueueAbout(t: { id: number; serviceId: string }, c: NotifyContact, kind: NotifyKind, what: string, params: MessageParams, at: number): void {
    this.store.notifyOutbox.enqueue({
      key: `${c.id}:${what}`,
      contactId: c.id,
      ticketId: t.id,
      serviceId: t.serviceId,
      channel: c.channel,
      masked: c.masked,
      language: c.language,
      kind,
      params,
      at,
    });
  }

  /** Opt-ins whose "N ahead" moment has come get their one message. */
  private checkAhead(): void {
    const armed = this.store.notifyContacts.armed();
    if (armed.length === 0) return;
    const now = this.now();
    this.store.transaction(() => {
      for (const a of armed) {
        const ahead = this.store.tickets.aheadOf({ id: a.ticketId, serviceId: a.serviceId, queuedAt: a.queuedAt });
        if (ahead > a.ahead) continue;
        const c = this.store.notifyContacts.contactsOf(a.ticketId).find((x) => x.id === a.id);
        const t = this.store.tickets.byId(a.ticketId);
        if (!c || !t) continue;
        this.enqueueAbout(t, c, 'ahead', `ahead:${a.ahead}`, { number: t.number, ahead }, now);
        this.store.notifyContacts.markAheadSent(c.id);
      }
    });
  }

  /**
   * Bookings whose reminder moment has come get their one reminder per lead time (the key holds the slot, so a moved
   * booking is reminded of its new time). Only the latest lead that has come is sent (after a long stop the older
   * ones are not sent late), and none for a lead that had already passed when the visitor booked.
   */
  private remind(now: number): void {
    const leads = this.hall().config.notifications?.reminders?.minutesBefore ?? [];
    if (leads.length === 0) return;
    const longest = Math.max(...leads) * 60_000;
    const due = this.store.bookingContacts.remindable(now, now + longest);
    if (due.length === 0) return;
    const hall = this.hall();
    this.store.transaction(() => {
      for (const r of due) {
        const lead = leads
          .filter((m) => {
            const at = r.slotAt - m * 60_000;
            return at <= now && r.createdAt < at;
          })
          .sort((a, b) => a - b)[0];
        if (lead === undefined) continue;
        const date = new Intl.DateTimeFormat(r.language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: hall.timeZone }).format(r.slotAt);
        const time = new Intl.DateTimeFormat(r.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: hall.timeZone }).format(r.slotAt);
        this.store.notifyOutbox.enqueue({
          key: `b${r.contactId}:reminder:${r.slotAt}:${lead}`,
          bookingContactId: r.contactId,
          ticketId: null,
          appointmentId: r.appointmentId,
          serviceId: r.serviceId,
          channel: r.channel,
          masked: r.masked,
          language: r.language,
          kind: 'reminder',
          params: { number: '', date, time },
          at: now,
        });
      }
    });
  }

  /** Sends what is due, then sleeps until the next retry is due (or the poll). */
  private pump(): void {
    this.sender.pump();
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.wakeTimer);
    const at = this.store.notifyOutbox.nextDueAt();
    if (at === null) return;
    this.wakeTimer = setTimeout(() => this.kick(), Math.min(Math.max(at - this.now(), 10), this.opts.pollMs));
    this.wakeTimer.unref();
  }
}
