import type { Feature, ProfileEntry, TicketView } from '../protocol/index.js';

/**
 * A ticket as the domain sees it: what staff see of it (TicketView, the one shape both share) plus what only the
 * server keeps. Times are epoch milliseconds.
 */
export interface Ticket extends TicketView {
  /** The hall-local date the ticket was issued on (numbering day). */
  localDate: string;
  noShowAt: number | null;
  statusToken: string;
  /** A checked-in appointment's slot start; absent or null for a walk-in. */
  appointmentAt?: number | null;
  /** A ticket taken from home and not checked in yet: it keeps its place but is never called. */
  held?: boolean;
  /** Taken from home (remote queue), checked in or not. */
  remote?: boolean;
  /** When its turn first came while it was held (a call passed it by); the grace runs from here. */
  skippedAt?: number | null;
  /** A remote ticket's code for checking in at the kiosk. */
  arrivalCode?: string | null;
}

/** A counter's configuration joined with its live state. */
export interface Counter {
  id: string;
  label: string;
  features: Feature[];
  /** Configured work profile. */
  profile: ProfileEntry[];
  open: boolean;
  /** Active work profile while open (a subset of, or equal to, the configured one). */
  services: ProfileEntry[];
  userId: number | null;
  openedAt: number | null;
  pausedReason: string | null;
  pausedAt: number | null;
  /** Normal calls since the last priority call (ratio policy). */
  normalsSincePriority: number;
  /** Calls only checked-in appointments (and tickets sent to it by name). */
  appointmentsOnly?: boolean;
}

export function isPriority(ticket: Pick<Ticket, 'needs'>): boolean {
  return ticket.needs.includes('priority');
}

export function weightFor(counter: Pick<Counter, 'services'>, serviceId: string): number | undefined {
  return counter.services.find((p) => p.serviceId === serviceId)?.weight;
}

export function isAvailable(counter: Pick<Counter, 'open' | 'pausedAt'>): boolean {
  return counter.open && counter.pausedAt === null;
}

/** A checked-in appointment's ticket. */
export function isAppointment(ticket: Pick<Ticket, 'appointmentAt'>): ticket is Pick<Ticket, 'appointmentAt'> & { appointmentAt: number } {
  return ticket.appointmentAt !== undefined && ticket.appointmentAt !== null;
}
