import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntranceCode, Language, RemoteJoined, RemoteServiceView, RemoteStatus, ServiceConfig } from '../protocol/index.js';
import { DomainError, availability, transitions, type Ticket } from '../domain/index.js';
import { formatCode, newCode } from './bookingCode.js';
import type { Actor, ServiceContext } from './context.js';
import type { OrganisationScope } from './organisationScope.js';
import type { QueueViews } from './queueViews.js';
import type { TicketService } from './ticketService.js';

/**
 * Joining a service's queue from home. A remote ticket waits like any other but is held until its holder checks in
 * ("I'm here" on the status page from the hall's network, the arrival code at the kiosk, or a counter); call-next
 * never calls a held ticket, so it blocks no counter. When its turn passes while held it is skipped (it keeps its
 * place) and expires `graceMinutes` later unless its holder checks in. Joining is open only while the service takes
 * tickets, up to a daily cap, and while the wait for a new ticket is within the service's limit.
 */
const ENTRANCE_SECRET_KEY = 'remote.entranceSecret';
/** Without look-alikes (0/O, 1/I/L); 31 characters, so 8 of them are about 8·10¹¹ codes a day. */
const ENTRANCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export class RemoteQueueService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly views: QueueViews,
    private readonly tickets: TicketService,
    private readonly scope: OrganisationScope,
  ) {}

  /** The services that take remote joins, and whether they do now. */
  services(): RemoteServiceView[] {
    const now = this.ctx.now();
    const statuses = new Map(this.views.serviceStatuses(now).map((s) => [s.id, s]));
    return this.ctx
      .hall()
      .config.services.filter((s) => s.remote)
      .map((s) => {
        const st = statuses.get(s.id);
        return {
          id: s.id,
          organisationId: s.organisationId ?? null,
          name: s.name,
          state: this.state(s, now, st?.estimatedWaitMinutes ?? null, st?.open ?? false),
          estimatedWaitMinutes: st?.estimatedWaitMinutes ?? null,
          graceMinutes: s.remote?.graceMinutes ?? 15,
        };
      });
  }

  join(serviceId: string, language: Language | undefined): RemoteJoined {
    const hall = this.ctx.hall();
    const service = hall.services.get(serviceId);
    if (!service) throw new DomainError('unknown_service', `There is no service "${serviceId}".`);
    if (!service.remote) throw new DomainError('validation_failed', `${service.name[hall.defaultLanguage] ?? service.id} cannot be joined from home.`);
    if (service.appointments?.only) throw new DomainError('appointments_only', 'This service is by appointment only. Book a time instead.');
    const lang = language ?? hall.defaultLanguage;
    if (!hall.config.hall.languages.includes(lang)) throw new DomainError('validation_failed', `This hall does not offer the language "${lang}".`);
    const now = this.ctx.now();
    const status = this.views.serviceStatuses(now).find((s) => s.id === service.id);
    const { store } = this.ctx;
    return store.transaction(() => {
      const state = this.state(service, now, status?.estimatedWaitMinutes ?? null, status?.open ?? false);
      if (state === 'closed') throw new DomainError('service_closed', 'The queue can be joined from home only while the service is open.', { nextOpenAt: status?.availability.state === 'open' ? null : (status?.availability.nextOpenAt ?? null) });
      if (state === 'cap-reached') throw new DomainError('daily_cap_reached', "Today's places for joining from home are taken. Come to the hall and take a ticket.");
      if (state === 'too-long') throw new DomainError('service_closed', 'The wait is too long to join from home now. Try again later, or come to the hall.');
      const { ticket, issued } = this.tickets.create({ serviceId: service.id, prefix: service.prefix, language: lang, needs: [], kioskId: null, remote: true }, now);
      const code = newCode(this.ctx.token, (c) => store.tickets.byArrivalCode(c) !== undefined || store.appointments.byCode(c) !== undefined);
      store.tickets.update({ ...ticket, arrivalCode: code });
      return {
        ticket: {
          id: ticket.id,
          number: ticket.number,
          serviceId: ticket.serviceId,
          position: issued.position,
          estimatedWaitMinutes: issued.estimatedWaitMinutes,
          statusPath: issued.statusPath,
        },
        arrivalCode: formatCode(code),
      };
    });
  }

  /** Check-in with the arrival code (kiosk, counter); undefined when the code is no remote ticket's. */
  checkInByCode(code: string, actor: Actor | undefined): Ticket | undefined {
    const t = this.ctx.store.tickets.byArrivalCode(code);
    if (!t) return undefined;
    if (actor) this.scope.requireService(actor, t.serviceId);
    return this.checkIn(t, actor ? 'counter' : 'kiosk', actor?.userId ?? null);
  }

  /**
   * "I'm here" on the status page: accepted from the hall's network (the service's `remote.hallNetworks`) or with
   * today's entrance code, the one in the QR shown at the hall's door.
   */
  checkInHere(token: string, clientAddress: string | undefined, entrance?: string): Ticket {
    const t = this.tickets.byToken(token);
    if (!t.remote) throw new DomainError('invalid_transition', 'This ticket was taken in the hall: there is nothing to check in.');
    if (entrance !== undefined && !this.isTodaysEntrance(entrance)) {
      throw new DomainError('forbidden', `This is not today's entrance code. Scan the QR at the entrance again, or use your code ${formatCode(t.arrivalCode ?? '')} at the kiosk.`);
    }
    if (entrance === undefined && !this.onHallNetwork(t.serviceId, clientAddress)) {
      throw new DomainError('forbidden', `Say "I'm here" at the kiosk in the hall with your code ${formatCode(t.arrivalCode ?? '')}.`);
    }
    return this.checkIn(t, 'status-page', null);
  }

  /**
   * Today's entrance code: 8 characters derived (HMAC-SHA-256) from a secret kept in the database and the hall's local
   * date, so it changes at the hall's midnight and yesterday's photographed code no longer checks anyone in.
   */
  entranceCode(): EntranceCode {
    const today = this.ctx.hall().today(this.ctx.now());
    const code = this.entranceOn(today);
    return { code, validOn: today, path: `/arrive?code=${code}` };
  }

  private isTodaysEntrance(code: string): boolean {
    const want = Buffer.from(this.entranceOn(this.ctx.hall().today(this.ctx.now())));
    const got = Buffer.from(code);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  private entranceOn(date: string): string {
    let secret = this.ctx.store.hall.state(ENTRANCE_SECRET_KEY);
    if (secret === undefined) {
      secret = this.ctx.token(32);
      this.ctx.store.hall.setState(ENTRANCE_SECRET_KEY, secret);
    }
    const mac = createHmac('sha256', secret).update(`entrance:${date}`).digest();
    let code = '';
    for (let i = 0; i < 8; i++) code += ENTRANCE_ALPHABET[(mac[i] ?? 0) % ENTRANCE_ALPHABET.length];
    return code;
  }

  /** Held tickets whose grace after being skipped has run out expire. Returns how many. */
  expireHeld(): number {
    const now = this.ctx.now();
    const hall = this.ctx.hall();
    const lapsed = this.ctx.store.tickets.held().filter((t) => {
      const grace = hall.services.get(t.serviceId)?.remote?.graceMinutes ?? 15;
      return t.skippedAt !== null && t.skippedAt !== undefined && now > t.skippedAt + grace * 60_000;
    });
    if (lapsed.length === 0) return 0;
    this.ctx.store.transaction(() => {
      for (const t of lapsed) {
        const r = transitions.expire(t, now);
        if (r instanceof DomainError || r.event.type !== 'ticket_expired') continue;
        this.ctx.store.record({ ticket: { ...r.ticket, held: false }, event: { type: 'ticket_expired', data: { ...r.event.data, notCheckedIn: true } } }, now, {});
      }
    });
    return lapsed.length;
  }

  private checkIn(t: Ticket, how: 'status-page' | 'kiosk' | 'counter', userId: number | null): Ticket {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const fresh = this.ctx.store.tickets.byId(t.id) ?? t;
      if (fresh.state !== 'waiting') {
        throw new DomainError('invalid_transition', `Ticket ${fresh.number} is ${fresh.state === 'cancelled' ? 'no longer valid' : fresh.state}; take a new ticket at the kiosk.`, { state: fresh.state });
      }
      if (fresh.held !== true) return fresh; // already checked in: nothing changes
      const next: Ticket = { ...fresh, held: false };
      this.ctx.store.tickets.update(next);
      this.ctx.store.events.append({ type: 'ticket_checked_in', at: now, ticketId: t.id, serviceId: t.serviceId, userId, data: { how } });
      return next;
    });
  }

  private state(s: ServiceConfig, now: number, estimate: number | null, open: boolean): RemoteServiceView['state'] {
    const hall = this.ctx.hall();
    const today = hall.today(now);
    const avail = availability(hall.schedule(s), { issuedToday: this.ctx.store.hall.lastSequence(s.id, today).issued, stoppedToday: this.views.isStopped(s.id, today) }, now);
    if (avail.state !== 'open' || !open) return 'closed';
    if (this.ctx.store.tickets.remoteCount(today, s.id) >= (s.remote?.dailyCap ?? 0)) return 'cap-reached';
    if (estimate === null || estimate > (s.remote?.maxEstimateMinutes ?? 0)) return 'too-long';
    return 'open';
  }

  private onHallNetwork(serviceId: string, address: string | undefined): boolean {
    const nets = this.ctx.hall().services.get(serviceId)?.remote?.hallNetworks ?? [];
    if (!address) return false;
    const ip = ipv4(address.replace(/^::ffff:/, ''));
    if (ip === null) return false;
    return nets.some((n) => {
      const [base, bits] = n.split('/');
      const b = ipv4(base ?? '');
      const len = Number(bits);
      if (b === null || !(len >= 0 && len <= 32)) return false;
      const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
      return ((ip & mask) >>> 0) === ((b & mask) >>> 0);
    });
  }
}

function ipv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!/^\d{1,3}$/.test(p) || v > 255) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}
