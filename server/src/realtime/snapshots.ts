import {
  STAFF_SNAPSHOT_WAITING_PER_SERVICE,
  type DeviceStatusView,
  type HallSnapshot,
  type PublicSnapshot,
  type StaffSnapshot,
  type UserView,
  type VisitorSnapshot,
} from '../protocol/index.js';
import type { Ticket } from '../domain/index.js';
import { ticketView, type Services } from '../services/index.js';

/** Full pictures a client draws from on connect and after a gap in sequence numbers. */
export class Snapshots {
  constructor(
    private readonly s: Services,
    private readonly epoch: string,
    private readonly devices: () => DeviceStatusView[],
  ) {}

  private hall(seq: number, withStaff: boolean, inService: readonly Ticket[]): HallSnapshot {
    const now = this.s.now();
    const hall = this.s.hall.current();
    const counters = this.s.views.counters();
    return {
      seq,
      epoch: this.epoch,
      now,
      hall: hall.info(),
      organisations: hall.config.organisations,
      services: this.s.views.serviceStatuses(now, counters),
      counters: this.s.views.counterViews(withStaff, inService, counters),
      recentCalls: this.s.views.recentCalls(now),
      messages: hall.config.messages,
      announcement: this.s.hall.announcement(),
    };
  }

  public(role: 'display' | 'kiosk', seq: number, profileId: string | undefined): PublicSnapshot {
    const hall = this.s.hall.current();
    return {
      ...this.hall(seq, false, this.s.tickets.inService()),
      role,
      display: role === 'display' && profileId ? (hall.displays.get(profileId) ?? null) : null,
      kiosk: role === 'kiosk' && profileId ? (hall.kiosks.get(profileId) ?? null) : null,
    };
  }

  staff(seq: number, user: UserView): StaffSnapshot {
    // Tickets of organisations the user may not act for are left out: their needs and notes are not theirs to read.
    const active = this.s.tickets.active().filter((t) => this.s.scope.mayActOnService(user, t.serviceId));
    const { shown, omitted } = boundWaiting(active, STAFF_SNAPSHOT_WAITING_PER_SERVICE);
    return {
      ...this.hall(seq, true, active.filter((t) => t.state !== 'waiting')),
      role: 'staff',
      tickets: shown.map(ticketView),
      ticketsOmitted: omitted,
      actsFor: actsFor(this.s.scope.actable(user)),
      outcomes: this.s.hall.current().config.outcomes,
      user,
      devices: this.devices(),
    };
  }

  visitor(ticket: Ticket): VisitorSnapshot {
    return {
      role: 'visitor',
      seq: this.s.tickets.lastEventId(ticket.id),
      epoch: this.epoch,
      now: this.s.now(),
      status: this.s.views.visitorStatus(ticket),
    };
  }
}

/**
 * Active tickets (in arrival order) with at most `perService` waiting tickets of each service kept, the oldest; tickets
 * on call, served, parked or sent to a named counter are always kept.
 */
export function boundWaiting(active: readonly Ticket[], perService: number): { shown: Ticket[]; omitted: number } {
  const seen = new Map<string, number>();
  let omitted = 0;
  const shown = active.filter((t) => {
    if (t.state !== 'waiting' || t.targetCounterId !== null) return true;
    const n = (seen.get(t.serviceId) ?? 0) + 1;
    seen.set(t.serviceId, n);
    if (n <= perService) return true;
    omitted += 1;
    return false;
  });
  return { shown, omitted };
}

function actsFor(orgs: ReadonlySet<string> | null): string[] | null {
  return orgs === null ? null : [...orgs].sort();
}
