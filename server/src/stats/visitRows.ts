import type { VisitLeg, VisitRow } from '../protocol/index.js';
import type { LegRecord, VisitRecord } from './visitFold.js';

/** Projection rows as the wire shape of GET /stats/visits. */
export function toVisitRow(v: VisitRecord, legs: readonly LegRecord[]): VisitRow {
  return {
    ticketId: v.ticket_id,
    date: v.local_date,
    serviceId: v.service_id,
    firstServiceId: v.first_service_id,
    counterId: v.counter_id,
    userId: v.user_id,
    state: v.state,
    issuedAt: v.issued_at,
    firstCalledAt: v.first_called_at,
    waitMs: v.wait_ms,
    walkMs: v.walk_ms,
    transactionMs: v.transaction_ms,
    finishedAt: v.finished_at,
    outcome: v.outcome,
    transfers: v.transfers,
    recalls: v.recalls,
    noShows: v.no_shows,
    withinTarget: v.wait_ms === null ? null : v.wait_ms <= v.target_ms,
    demo: v.demo === 1,
    legs: legs.map(toLeg),
  };
}

function toLeg(l: LegRecord): VisitLeg {
  return {
    serviceId: l.service_id,
    counterId: l.counter_id,
    userId: l.user_id,
    queuedAt: l.queued_at,
    calledAt: l.called_at,
    startedAt: l.started_at,
    endedAt: l.ended_at,
    end: l.end_kind,
    waitMs: l.called_at === null ? null : l.called_at - l.queued_at,
  };
}

/** CSV columns of the visit list (legs as a count; their detail is in the JSON answer). */
export const VISIT_CSV_COLUMNS = [
  'ticketId', 'date', 'serviceId', 'firstServiceId', 'counterId', 'userId', 'state', 'issuedAt', 'firstCalledAt', 'waitMs',
  'walkMs', 'transactionMs', 'finishedAt', 'outcome', 'transfers', 'recalls', 'noShows', 'withinTarget', 'demo',
] as const;
