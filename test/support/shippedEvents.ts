import type { ShippedEvent } from '../../server/src/protocol/index.js';

const MIN = 60_000;
type Draft = Omit<ShippedEvent, 'id'>;

/**
 * A scripted hall day as a hall would ship it: counters 1 and 2 open at `start`, `n` visitors three minutes apart
 * (issued, called at counter 1 or 2, started and finished; every seventh a no-show), counter 2 pauses for a break
 * at the middle, both close at the end. Tickets from `firstTicket`, event ids from `firstId`, in time order.
 */
export function hallDay(start: number, n: number, firstId: number, firstTicket: number): ShippedEvent[] {
  const rows: Draft[] = [];
  const counter = (type: string, at: number, counterId: string, data: Record<string, unknown> | null = null) =>
    rows.push({ type, at, ticketId: null, counterId, userId: Number(counterId) + 10, serviceId: null, data });
  counter('counter_opened', start, '1');
  counter('counter_opened', start + 1000, '2');
  for (let i = 0; i < n; i++) {
    const t = firstTicket + i;
    const at = start + MIN + i * 3 * MIN;
    const c = String(1 + (i % 2));
    const service = i % 3 === 0 ? 'vehicles' : 'identity';
    const e = (type: string, when: number, counterId: string | null, data: Record<string, unknown> | null = null) =>
      rows.push({ type, at: when, ticketId: t, counterId, userId: counterId === null ? null : Number(counterId) + 10, serviceId: service, data });
    e('ticket_issued', at, null, { number: `A${t}` });
    e('ticket_called', at + (2 + (i % 5)) * MIN, c);
    if (i % 7 === 6) {
      e('ticket_no_show', at + (4 + (i % 5)) * MIN, c);
      continue;
    }
    e('ticket_started', at + (3 + (i % 5)) * MIN, c);
    e('ticket_finished', at + (5 + (i % 5)) * MIN + 500, c, { outcome: 'resolved' });
  }
  const end = start + (n * 3 + 20) * MIN;
  counter('counter_paused', start + Math.floor((end - start) / 2), '2', { reason: 'break' });
  counter('counter_resumed', start + Math.floor((end - start) / 2) + 15 * MIN, '2');
  counter('counter_closed', end, '1');
  counter('counter_closed', end + 1000, '2');
  rows.sort((a, b) => a.at - b.at);
  return rows.map((r, i) => ({ id: firstId + i, ...r }));
}
