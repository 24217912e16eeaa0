import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  AppointmentDayQuery,
  BookingCode,
  BookRequest,
  CancelAppointmentRequest,
  CheckInRequest,
  DaysQuery,
  MoveRequest,
  RemoteJoinRequest,
  VisitorHereRequest,
  SlotsQuery,
  type ApiScope,
  type AppointmentServiceView,
} from '../protocol/index.js';
import { DomainError } from '../domain/index.js';
import { actorOf, type Services } from '../services/index.js';
import type { Booker } from '../services/appointmentService.js';
import { apiKeyOf, bearerToken, keyOrganisation, userOf } from './auth.js';
import { routesOn } from './routeTable.js';
import { printWithin, type PrintTicket } from './printTicket.js';
import { ClientRate } from './clientRate.js';
import { icsEvent } from './ics.js';
import { body, param } from './parse.js';
import type { NotifyService } from '../notify/notifyService.js';

/** Bookings a client address may make a minute without a staff session or an API key. */
export const BOOKINGS_PER_MINUTE = 6;
/** Places in a queue a client address may take from home a minute (the daily cap per service holds too). */
export const REMOTE_JOINS_PER_MINUTE = 3;
/** Reads of services, days and slots a client address may make a minute. */
export const BROWSING_PER_MINUTE = 60;
/** Look-ups by booking code (view, cancel, move, check in, calendar) a client address may make a minute. */
export const CODE_LOOKUPS_PER_MINUTE = 20;

/**
 * Appointments: public booking (no personal data needed: the answer is a booking code), the holder's view, cancel,
 * move and calendar file by code, check-in at the kiosk or counter, and staff's day list. Anonymous clients are
 * limited per address (booking and code look-ups apart); codes are 10 random characters of 31 (about 8·10¹⁴), so at
 * 20 look-ups a minute a guess is hopeless. API keys need the `appointments:write` scope for every change; a kiosk's
 * credential (`tickets:issue`) may check visitors in.
 */
export function appointmentsRouter(s: Services, clock: () => number, notify: NotifyService, print: PrintTicket): Router {
  const r = Router();
  const bookings = new ClientRate(BOOKINGS_PER_MINUTE, clock);
  const lookups = new ClientRate(CODE_LOOKUPS_PER_MINUTE, clock);
  const browsing = new ClientRate(BROWSING_PER_MINUTE, clock);
  const joins = new ClientRate(REMOTE_JOINS_PER_MINUTE, clock);
  const on = routesOn(r, s.auth);

  const isStaff = (req: Request): boolean => {
    const token = bearerToken(req);
    return token !== undefined && !token.startsWith('vuoro_') && s.auth.verify(token) !== undefined;
  };

  /** Anonymous clients are held to `rate`; staff sessions and API keys (which have their own rate) are not. */
  const limit =
    (rate: ClientRate, what: string): RequestHandler =>
    (req, res, next) => {
      if (apiKeyOf(res) || isStaff(req)) return next();
      const taken = rate.take(req.ip ?? 'unknown');
      if (taken.ok) return next();
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      next(new DomainError('too_many_requests', `Too many ${what} from this device. Try again in ${taken.retryAfterSeconds} s.`));
    };

  /** An API key must carry one of `scopes` to use a write route. */
  const keyNeeds =
    (...scopes: ApiScope[]): RequestHandler =>
    (_req, res, next) => {
      const key = apiKeyOf(res);
      if (key && !scopes.some((x) => key.scopes.includes(x))) {
        return next(new DomainError('forbidden', `This API key lacks the "${scopes[0] ?? ''}" scope.`));
      }
      next();
    };

  /** Who acts: an integration's key, a signed-in staff member, or the code's holder. */
  const booker = (req: Request, res: Response): Booker => {
    if (apiKeyOf(res)) return { kind: 'integration', organisationId: keyOrganisation(res) };
    const token = bearerToken(req);
    const user = token ? s.auth.verify(token) : undefined;
    if (user) return { kind: 'staff', actor: actorOf(user, req.ip ?? null) };
    return { kind: 'visitor' };
  };

  const code = (req: Request): string => {
    const parsed = BookingCode.safeParse(param(req, 'code'));
    if (!parsed.success) throw new DomainError('not_found', 'There is no appointment with this code. Check the code and try again.');
    return parsed.data;
  };

  /** Staff say why they move or cancel a visitor's appointment. */
  const reasonFor = (by: Booker, reason: string | undefined): string | null => {
    if (by.kind === 'staff' && reason === undefined) throw new DomainError('validation_failed', 'reason: say why (it is kept with the appointment).');
    return reason ?? null;
  };

  const lookup = limit(lookups, 'look-ups by booking code');

  on('appointmentServices', (_req, res) => {
    const hall = s.hall.current();
    const channels = notify.channels();
    const reminders = (['email', 'sms'] as const).filter((c) => channels[c]);
    const list: AppointmentServiceView[] = hall.config.services
        .filter((x) => x.appointments)
        .map((x) => ({
          id: x.id,
          organisationId: x.organisationId ?? null,
          name: x.name,
          prepare: hall.prepareOf(x.id) ?? null,
          slotMinutes: x.appointments?.slotMinutes ?? 15,
          horizonDays: x.appointments?.horizonDays ?? 0,
          only: x.appointments?.only ?? false,
          earlyCheckInMinutes: x.appointments?.earlyCheckInMinutes ?? 0,
          graceMinutes: x.appointments?.graceMinutes ?? 0,
          reminders,
        }));
    res.json(list);
  });

  on('appointmentDays', limit(browsing, 'requests'), (req, res) => {
    const q = DaysQuery.parse(req.query);
    res.json(s.appointments.days(q.serviceId));
  });

  on('appointmentSlots', limit(browsing, 'requests'), (req, res) => {
    const q = SlotsQuery.parse(req.query);
    res.json(s.appointments.slots(q.serviceId, q.date));
  });

  on('book', limit(bookings, 'bookings'), (req, res) => {
    const { email, phone, ...input } = body(BookRequest, req);
    // The reminder's address is checked before anything is booked (a malformed one: 422, nothing stored).
    const contacts = notify.bookingContacts({ email, phone });
    let reminders: { channel: 'email' | 'sms'; masked: string }[] = [];
    const booked = s.appointments.book(input, booker(req, res), (a) => {
      reminders = notify.saveBookingContacts(a.id, contacts, a.language);
    });
    res.status(201).json({ ...booked, reminders });
  });

  on('appointmentDay', (req, res) => {
    const q = AppointmentDayQuery.parse(req.query);
    const date = q.date ?? s.hall.current().today(s.now());
    res.json(s.appointments.day(date, q.serviceId, actorOf(userOf(res))));
  });

  on('affectedAppointments', (_req, res) => {
    res.json(s.appointments.affected(actorOf(userOf(res))));
  });

  /** The kiosk (its credential or anonymous, rate-limited) or a counter checks a visitor in by code. */
  on('checkIn', keyNeeds('appointments:write', 'tickets:issue'), lookup, async (req, res) => {
    const input = body(CheckInRequest, req);
    const by = booker(req, res);
    const actor = by.kind === 'staff' ? by.actor : undefined;
    // A remote ticket's arrival code is checked in at the same place as a booking code.
    const remote = s.remote.checkInByCode(input.code, actor);
    if (remote) {
      res.json({ kind: 'remote-checked-in', ticket: { id: remote.id, number: remote.number, serviceId: remote.serviceId, statusPath: `/t/${remote.statusToken}` } });
      return;
    }
    const result = s.appointments.checkIn(input.code, { kioskId: input.kioskId, actor });
    // At a kiosk, a fresh check-in prints its ticket like a walk-in's (a repeat answers `repeat` and prints nothing).
    if (result.kind === 'checked-in' && input.kioskId !== undefined && result.print === undefined) {
      const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      res.json({ ...result, print: await printWithin(print, s.tickets.byId(result.ticket.id), input.kioskId, origin) });
      return;
    }
    res.json(result);
  });

  on('remoteServices', limit(browsing, 'requests'), (_req, res) => {
    res.json(s.remote.services());
  });

  on('remoteJoin', limit(joins, 'places taken from home'), (req, res) => {
    const input = body(RemoteJoinRequest, req);
    const org = keyOrganisation(res);
    if (org !== null && !s.hall.current().belongsTo(org, { serviceId: input.serviceId })) {
      throw new DomainError('forbidden', `This API key is limited to the services of "${org}".`);
    }
    res.status(201).json(s.remote.join(input.serviceId, input.language));
  });

  on('visitorHere', lookup, (req, res) => {
    const t = s.remote.checkInHere(param(req, 'token'), req.ip, body(VisitorHereRequest, req).entrance);
    res.json(s.views.visitorStatus(t));
  });

  on('remoteEntrance', (_req, res) => {
    res.json(s.remote.entranceCode());
  });

  on('appointment', lookup, (req, res) => {
    const c = code(req);
    const by = booker(req, res);
    res.json(by.kind === 'staff' ? s.appointments.byCodeForStaff(c, by.actor) : s.appointments.byCode(c));
  });

  on('appointmentCalendar', lookup, (req, res) => {
    const e = s.appointments.calendarEntry(code(req));
    res.setHeader('Content-Disposition', 'attachment; filename="appointment.ics"');
    res.type('text/calendar; charset=utf-8').send(icsEvent({ ...e, stamp: s.now() }));
  });

  on('cancelAppointment', lookup, (req, res) => {
    const input = body(CancelAppointmentRequest, req);
    const by = booker(req, res);
    res.json(s.appointments.cancel(code(req), reasonFor(by, input.reason), by));
  });

  on('moveAppointment', lookup, (req, res) => {
    const input = body(MoveRequest, req);
    const by = booker(req, res);
    res.json(s.appointments.move(code(req), input.at, reasonFor(by, input.reason), by));
  });

  return r;
}
