import { isTicketEvent, type DomainEvent, type VisitorStatus } from '../../protocol/index.js';
import type { Counter } from '../../domain/index.js';
import type { Services } from '../../services/index.js';

/** One `visitor:status` for the room of one ticket; `seq` is the ticket's newest event id. */
export interface VisitorMessage {
  ticketId: number;
  seq: number;
  status: VisitorStatus;
}

/**
 * A visitor's own ticket changed. One that left the queue (called, served, done, gone) is told at once, without
 * any estimate; one that is (again) waiting is marked for the next batch, which brings its position and estimate.
 */
export function ownTicketChanged(
  events: readonly DomainEvent[],
  s: Services,
  followed: (ticketId: number) => boolean,
): { now: VisitorMessage[]; waiting: number[] } {
  const newest = new Map<number, number>();
  for (const e of events) if (isTicketEvent(e) && e.ticketId !== null && followed(e.ticketId)) newest.set(e.ticketId, e.id);
  const now: VisitorMessage[] = [];
  const waiting: number[] = [];
  for (const [ticketId, seq] of newest) {
    const t = s.tickets.find(ticketId);
    if (!t) continue;
    if (t.state === 'waiting') waiting.push(ticketId);
    else now.push({ ticketId, seq, status: s.views.visitorStatus(t) });
  }
  return { now, waiting };
}

/**
 * The batch part: every followed waiting ticket whose position or estimate changed since it was last sent (or that
 * is marked), and nothing for the others, so a burst of issues does not wake every status page in the hall.
 */
export class WaitingVisitors {
  private readonly sent = new Map<number, string>();

  batch(followed: Iterable<number>, marked: ReadonlySet<number> | 'all', s: Services, counters: readonly Counter[]): VisitorMessage[] {
    const out: VisitorMessage[] = [];
    const seen = new Set<number>();
    for (const ticketId of followed) {
      seen.add(ticketId);
      const t = s.tickets.find(ticketId);
      if (!t || t.state !== 'waiting') {
        this.sent.delete(ticketId);
        continue;
      }
      const status = s.views.visitorStatus(t, counters);
      const key = `${status.position ?? '-'}|${status.estimatedWaitMinutes ?? '-'}`;
      const force = marked === 'all' || marked.has(ticketId);
      if (!force && this.sent.get(ticketId) === key) continue;
      this.sent.set(ticketId, key);
      out.push({ ticketId, seq: s.tickets.lastEventId(ticketId), status });
    }
    for (const id of this.sent.keys()) if (!seen.has(id)) this.sent.delete(id);
    return out;
  }

  /** A visitor (re)joined and got a snapshot: what it has is current. */
  joined(ticketId: number, status: VisitorStatus): void {
    if (status.state === 'waiting') this.sent.set(ticketId, `${status.position ?? '-'}|${status.estimatedWaitMinutes ?? '-'}`);
  }
}
