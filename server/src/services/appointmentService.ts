import {
  type AffectedBooking,
  type AppointmentConfig,
  type AppointmentStaffView,
  type AppointmentView,
  type BookedView,
  type CheckInResult,
  type Language,
  type ServiceConfig,
  type SlotsView,
} from '../protocol/index.js';
import {
  DomainError,
  addDays,
  affectedBookings,
  arrival,
  availability,
  checkBookable,
  dayStatus,
  isNoShow,
  localTimeOf,
  openSlots,
  zonedInstant,
} from '../domain/index.js';
import type { AppointmentRecord } from '../store/index.js';
import type { Actor, ServiceContext } from './context.js';
import type { OrganisationScope } from './organisationScope.js';
import type { TicketService } from './ticketService.js';
import { formatCode, newCode } from './bookingCode.js';

/** Who books, moves or cancels: the holder (by code), a staff member, or an integration's API key. */
export type Booker = { kind: 'visitor' } | { kind: 'staff'; actor: Actor } | { kind: 'integration'; organisationId: string | null };

/** What the booking code's holder gets back with a booking: its view and where to manage it. */
export type Booked = BookedView;

/**
 * Appointments: slots, booking, moving, cancelling, check-in and no-shows. Each change is one transaction (read,
 * decide with domain/appointments, write the row and its event), so two visitors racing for the last place of a slot
 * cannot both get it: the second transaction sees the first one's booking and is refused.
 */
export class AppointmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tickets: TicketService,
    private readonly scope: OrganisationScope,
  ) {}

  /** The bookable slots of a service on a local date. */
  slots(serviceId: string, date: string): SlotsView {
    const { service, cfg } = this.appointmentService(serviceId);
    const hall = this.ctx.hall();
    const now = this.ctx.now();
    const from = zonedInstant(date, 0, hall.timeZone);
    const taken = this.ctx.store.appointments.takenBetween(service.id, from, zonedInstant(addDays(date, 1), 0, hall.timeZone));
    const r = openSlots(hall.schedule(service), cfg, date, (at) => taken.get(at) ?? 0, now);
    return { serviceId: service.id, date, closedReason: r.closedReason, slots: r.slots };
  }

  /** The days from today to the end of the horizon that have a bookable slot, with how many places are left. */
  days(serviceId: string): { date: string; places: number }[] {
    const { service, cfg } = this.appointmentService(serviceId);
    const hall = this.ctx.hall();
    const now = this.ctx.now();
    const today = hall.today(now);
    const last = addDays(today, cfg.horizonDays);
    const taken = this.ctx.store.appointments.takenBetween(service.id, zonedInstant(today, 0, hall.timeZone), zonedInstant(addDays(last, 1), 0, hall.timeZone));
    const out: { date: string; places: number }[] = [];
    for (let date = today; date <= last; date = addDays(date, 1)) {
      const r = openSlots(hall.schedule(service), cfg, date, (at) => taken.get(at) ?? 0, now);
      const places = r.slots.reduce((n, x) => n + x.left, 0);
      if (places > 0) out.push({ date, places });
    }
    return out;
  }

  /** `then` runs inside the booking's transaction (e.g. storing the reminder contact): if it throws, nothing is booked. */
  book(
    input: { serviceId: string; at: number; name?: string | undefined; language?: Language | undefined },
    by: Booker,
    then?: (a: { id: number; language: Language }) => void,
  ): Booked {
    const { service, cfg } = this.appointmentService(input.serviceId);
    this.requireScope(by, service.id);
    const hall = this.ctx.hall();
    const language = input.language ?? hall.defaultLanguage;
    if (!hall.config.hall.languages.includes(language)) {
      throw new DomainError('validation_failed', `This hall does not offer the language "${language}".`);
    }
    const now = this.ctx.now();
    const { store } = this.ctx;
    const record = store.transaction(() => {
      const slot = checkBookable(hall.schedule(service), cfg, input.at, store.appointments.taken(service.id, input.at), now);
      if (slot instanceof DomainError) throw slot;
      const a = store.appointments.insert({
        code: this.newCode(),
        serviceId: service.id,
        localDate: localTimeOf(input.at, hall.timeZone).date,
        slotAt: input.at,
        name: input.name ?? null,
        language,
        bookedAt: now,
        bookedBy: by.kind === 'staff' ? by.actor.userId : null,
      });
      store.events.append({
        type: 'appointment_booked',
        at: now,
        serviceId: service.id,
        userId: by.kind === 'staff' ? by.actor.userId : null,
        data: { appointmentId: a.id, slotAt: a.slotAt, by: by.kind },
      });
      then?.({ id: a.id, language: a.language });
      return a;
    });
    return { appointment: this.view(record), managePath: managePath(record.code) };
  }

  /** The booking of a code (404 for any code that is not one: the answer does not tell a guess anything). */
  byCode(code: string): AppointmentView {
    return this.view(this.load(code));
  }

  /** The same, as staff see it (scoped to the organisations they act for). */
  byCodeForStaff(code: string, actor: Actor): AppointmentStaffView {
    const a = this.load(code);
    this.scope.requireService(actor, a.serviceId);
    return this.staffView(a, this.ctx.now());
  }

  cancel(code: string, reason: string | null, by: Booker): AppointmentView {
    return this.view(
      this.change(code, by, (a, now) => {
        if (a.state !== 'booked') throw this.notChangeable(a);
        // The name is the only personal data: it goes with the booking.
        const next: AppointmentRecord = { ...a, state: 'cancelled', endedAt: now, reason, name: null };
        this.ctx.store.events.append({
          type: 'appointment_cancelled',
          at: now,
          serviceId: a.serviceId,
          userId: by.kind === 'staff' ? by.actor.userId : null,
          data: { appointmentId: a.id, slotAt: a.slotAt, by: by.kind, reason },
        });
        return next;
      }),
    );
  }

  move(code: string, at: number, reason: string | null, by: Booker): AppointmentView {
    return this.view(
      this.change(code, by, (a, now) => {
        if (a.state !== 'booked') throw this.notChangeable(a);
        if (at === a.slotAt) throw new DomainError('validation_failed', 'The appointment is already at this time.');
        const { service, cfg } = this.appointmentService(a.serviceId);
        const hall = this.ctx.hall();
        const slot = checkBookable(hall.schedule(service), cfg, at, this.ctx.store.appointments.taken(service.id, at), now);
        if (slot instanceof DomainError) throw slot;
        this.ctx.store.events.append({
          type: 'appointment_moved',
          at: now,
          serviceId: a.serviceId,
          userId: by.kind === 'staff' ? by.actor.userId : null,
          data: { appointmentId: a.id, from: a.slotAt, slotAt: at, by: by.kind, reason },
        });
        return { ...a, slotAt: at, localDate: localTimeOf(at, hall.timeZone).date, reason };
      }),
    );
  }

  /**
   * The holder arrives (kiosk, counter, or the status page). Too early: told when to come back, nothing changes.
   * Within the early window or late within the grace: a ticket under the appointment prefix, due at the slot. Beyond
   * the grace: the booking is a no-show and a walk-in ticket is offered when the service takes them now.
   */
  checkIn(code: string, how: { kioskId?: string | undefined; actor?: Actor | undefined }): CheckInResult {
    const now = this.ctx.now();
    const { store } = this.ctx;
    const hall = this.ctx.hall();
    return store.transaction((): CheckInResult => {
      const a = this.load(code);
      if (how.actor) this.scope.requireService(how.actor, a.serviceId);
      if (a.state === 'arrived' && a.ticketId !== null) {
        const t = this.tickets.byId(a.ticketId);
        return {
          kind: 'checked-in',
          appointment: this.view(a),
          ticket: { id: t.id, number: t.number, statusPath: `/t/${t.statusToken}`, late: a.arrivedAt !== null && a.arrivedAt > a.slotAt },
          print: { status: 'repeat' },
        };
      }
      if (a.state === 'cancelled') throw new DomainError('invalid_transition', 'This appointment was cancelled.', { state: a.state });
      const { service, cfg } = this.appointmentService(a.serviceId);
      const walkInOffered = () =>
        !cfg.only &&
        availability(hall.schedule(service), { issuedToday: store.hall.lastSequence(service.id, hall.today(now)).issued, stoppedToday: false }, now).state === 'open';
      if (a.state === 'no-show') return { kind: 'too-late', appointment: this.view(a), walkInOffered: walkInOffered() };
      const r = arrival(cfg, a.slotAt, now);
      if (r.kind === 'too-early') return { kind: 'too-early', appointment: this.view(a), comeBackAt: r.comeBackAt };
      if (r.kind === 'too-late') {
        const lapsed = this.markNoShow(a, now);
        return { kind: 'too-late', appointment: this.view(lapsed), walkInOffered: walkInOffered() };
      }
      const { ticket } = this.tickets.create(
        {
          serviceId: service.id,
          prefix: cfg.prefix,
          numbering: `${service.id}#appointment`,
          language: a.language,
          needs: [],
          kioskId: how.kioskId ?? null,
          appointmentAt: a.slotAt,
        },
        now,
      );
      const arrived: AppointmentRecord = { ...a, state: 'arrived', arrivedAt: now, ticketId: ticket.id };
      store.appointments.update(arrived);
      store.events.append({
        type: 'appointment_arrived',
        at: now,
        ticketId: ticket.id,
        serviceId: service.id,
        userId: how.actor?.userId ?? null,
        data: { appointmentId: a.id, slotAt: a.slotAt, lateMinutes: Math.round((now - a.slotAt) / 60_000) },
      });
      return { kind: 'checked-in', appointment: this.view(arrived), ticket: { id: ticket.id, number: ticket.number, statusPath: `/t/${ticket.statusToken}`, late: r.late } };
    });
  }

  /**
   * Bookings never checked in whose grace has run out become no-shows (their name deleted); names of bookings of
   * earlier days are deleted. Returns how many became no-shows.
   */
  sweepNoShows(): number {
    const now = this.ctx.now();
    const hall = this.ctx.hall();
    this.ctx.store.transaction(() => this.ctx.store.appointments.clearNamesBefore(hall.today(now)));
    const lapsed = this.ctx.store.appointments.bookedBefore(now).filter((a) => {
      const cfg = hall.services.get(a.serviceId)?.appointments;
      return isNoShow(cfg ?? { graceMinutes: 0 }, a.slotAt, now);
    });
    if (lapsed.length === 0) return 0;
    this.ctx.store.transaction(() => {
      for (const a of lapsed) this.markNoShow(a, now);
    });
    return lapsed.length;
  }

  /** A local day's appointments for staff (booked, arrived, late, no-show, cancelled), of their organisations. */
  day(date: string, serviceId: string | undefined, actor: Actor | null): AppointmentStaffView[] {
    this.sweepNoShows();
    const now = this.ctx.now();
    return this.ctx.store.appointments
      .day(date, serviceId)
      .filter((a) => actor === null || this.scope.mayActOnService(actor, a.serviceId))
      .map((a) => this.staffView(a, now));
  }

  /**
   * Bookings still to come that the hall's current hours, closures or slot rules leave without a slot (or beyond a
   * slot's places): a supervisor moves or cancels them. Nothing is dropped silently.
   */
  affected(actor: Actor | null): AffectedBooking[] {
    const hall = this.ctx.hall();
    const upcoming = this.ctx.store.appointments.bookedFrom(this.ctx.now());
    const byService = new Map<string, { at: number; a: AppointmentRecord }[]>();
    for (const a of upcoming) {
      if (actor !== null && !this.scope.mayActOnService(actor, a.serviceId)) continue;
      const list = byService.get(a.serviceId) ?? [];
      list.push({ at: a.slotAt, a });
      byService.set(a.serviceId, list);
    }
    const out: AffectedBooking[] = [];
    for (const [serviceId, list] of byService) {
      const service = hall.services.get(serviceId);
      const hit = service ? affectedBookings(hall.schedule(service), service.appointments, list) : list;
      for (const { a } of hit) out.push({ id: a.id, code: formatCode(a.code), serviceId, at: a.slotAt, name: a.name });
    }
    return out.sort((x, y) => x.at - y.at);
  }

  /** An appointment's calendar entry (`.ics`). */
  calendarEntry(code: string): { uid: string; start: number; end: number; summary: string; description: string; location: string } {
    const a = this.load(code);
    const hall = this.ctx.hall();
    const service = hall.services.get(a.serviceId);
    const lang = a.language;
    const name = service?.name[lang] ?? service?.name[hall.defaultLanguage] ?? a.serviceId;
    const hallName = hall.config.hall.name[lang] ?? hall.config.hall.name[hall.defaultLanguage] ?? '';
    return {
      uid: `appointment-${a.id}@vuoro`,
      start: a.slotAt,
      end: a.slotAt + (service?.appointments?.slotMinutes ?? 15) * 60_000,
      summary: `${name} (${hallName})`,
      description: `Booking code ${formatCode(a.code)}`,
      location: hallName,
    };
  }

  private markNoShow(a: AppointmentRecord, now: number): AppointmentRecord {
    const next: AppointmentRecord = { ...a, state: 'no-show', endedAt: now, name: null };
    this.ctx.store.appointments.update(next);
    this.ctx.store.events.append({ type: 'appointment_no_show', at: now, serviceId: a.serviceId, data: { appointmentId: a.id, slotAt: a.slotAt } });
    return next;
  }

  private change(code: string, by: Booker, fn: (a: AppointmentRecord, now: number) => AppointmentRecord): AppointmentRecord {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const a = this.load(code);
      this.requireScope(by, a.serviceId);
      const next = fn(a, now);
      this.ctx.store.appointments.update(next);
      return next;
    });
  }

  private requireScope(by: Booker, serviceId: string): void {
    if (by.kind === 'staff') this.scope.requireService(by.actor, serviceId);
    if (by.kind === 'integration' && by.organisationId !== null && !this.ctx.hall().belongsTo(by.organisationId, { serviceId })) {
      throw new DomainError('forbidden', `This API key is limited to the services of "${by.organisationId}".`);
    }
  }

  private notChangeable(a: AppointmentRecord): DomainError {
    const what = { arrived: 'has checked in', cancelled: 'was cancelled', 'no-show': 'was missed', booked: 'is booked' }[a.state];
    return new DomainError('invalid_transition', `This appointment ${what}; it can no longer be changed.`, { state: a.state });
  }

  private load(code: string): AppointmentRecord {
    const a = this.ctx.store.appointments.byCode(code);
    if (!a) throw new DomainError('not_found', 'There is no appointment with this code. Check the code and try again.');
    return a;
  }

  private appointmentService(serviceId: string): { service: ServiceConfig; cfg: AppointmentConfig } {
    const service = this.ctx.hall().services.get(serviceId);
    if (!service) throw new DomainError('unknown_service', `There is no service "${serviceId}".`);
    if (!service.appointments) throw new DomainError('validation_failed', `${service.name[this.ctx.hall().defaultLanguage] ?? service.id} does not take appointments.`);
    return { service, cfg: service.appointments };
  }

  /** A fresh booking code, unique among bookings and remote arrival codes (the kiosk takes both). */
  private newCode(): string {
    return newCode(this.ctx.token, (c) => this.ctx.store.appointments.byCode(c) !== undefined || this.ctx.store.tickets.byArrivalCode(c) !== undefined);
  }

  private view(a: AppointmentRecord): AppointmentView {
    const hall = this.ctx.hall();
    const service = hall.services.get(a.serviceId);
    const local = localTimeOf(a.slotAt, hall.timeZone);
    const t = a.ticketId === null ? undefined : this.ctx.store.tickets.byId(a.ticketId);
    return {
      code: formatCode(a.code),
      serviceId: a.serviceId,
      serviceName: service?.name ?? { [hall.defaultLanguage]: a.serviceId },
      at: a.slotAt,
      date: local.date,
      time: local.time,
      endsAt: a.slotAt + (service?.appointments?.slotMinutes ?? 15) * 60_000,
      state: a.state,
      language: a.language,
      name: a.name,
      ticket: t ? { number: t.number, statusPath: `/t/${t.statusToken}` } : null,
    };
  }

  private staffView(a: AppointmentRecord, now: number): AppointmentStaffView {
    const cfg = this.ctx.hall().services.get(a.serviceId)?.appointments ?? { graceMinutes: 0 };
    return { ...this.view(a), id: a.id, status: dayStatus(a.state, cfg, a.slotAt, now), bookedAt: a.bookedAt, arrivedAt: a.arrivedAt, reason: a.reason };
  }
}

export function managePath(code: string): string {
  return `/book/manage/${formatCode(code)}`;
}
