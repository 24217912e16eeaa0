/**
 * The visit projection as a pure fold: one ticket event at a time turns a visit (and its legs) into the next one.
 * No IO and no clock: the projector loads rows, folds events into them and writes them back.
 */

export interface VisitRecord {
  ticket_id: number;
  demo: number;
  local_date: string;
  weekday: number;
  hour: number;
  service_id: string;
  first_service_id: string;
  counter_id: string | null;
  user_id: number | null;
  state: string;
  issued_at: number;
  first_called_at: number | null;
  target_ms: number;
  wait_ms: number | null;
  walk_ms: number | null;
  transaction_ms: number | null;
  finished_at: number | null;
  outcome: string | null;
  legs: number;
  transfers: number;
  recalls: number;
  no_shows: number;
  rating: number | null;
  comment: string | null;
  feedback_at: number | null;
  /** The wait promised at issue (from `ticket_issued`'s `estimateMinutes`); null when none was given or recorded. */
  promised_ms: number | null;
}

export interface LegRecord {
  ticket_id: number;
  leg: number;
  local_date: string;
  service_id: string;
  counter_id: string | null;
  user_id: number | null;
  queued_at: number;
  called_at: number | null;
  last_called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  end_kind: string | null;
}

/** The parts of an event row the fold reads. */
export interface FoldEvent {
  type: string;
  at: number;
  ticket_id: number;
  counter_id: string | null;
  user_id: number | null;
  service_id: string | null;
  data: Record<string, unknown> | null;
}

export interface VisitState {
  visit: VisitRecord;
  /** All legs, in order; the last one is the current queue. */
  legs: LegRecord[];
}

export interface IssueInfo {
  localDate: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  hour: number;
  targetMs: number;
}

/** Starts a visit from its `ticket_issued` event. */
export function startVisit(e: FoldEvent, serviceId: string, info: IssueInfo): VisitState {
  const visit: VisitRecord = {
    ticket_id: e.ticket_id,
    demo: e.data?.demo === true ? 1 : 0,
    local_date: info.localDate,
    weekday: info.weekday,
    hour: info.hour,
    service_id: serviceId,
    first_service_id: serviceId,
    counter_id: null,
    user_id: null,
    state: 'waiting',
    issued_at: e.at,
    first_called_at: null,
    target_ms: info.targetMs,
    wait_ms: null,
    walk_ms: null,
    transaction_ms: null,
    finished_at: null,
    outcome: null,
    legs: 1,
    transfers: 0,
    recalls: 0,
    no_shows: 0,
    rating: null,
    comment: null,
    feedback_at: null,
    promised_ms: typeof e.data?.estimateMinutes === 'number' ? e.data.estimateMinutes * 60_000 : null,
  };
  return { visit, legs: [newLeg(e.ticket_id, 1, info.localDate, serviceId, e.at)] };
}

function newLeg(ticketId: number, leg: number, localDate: string, serviceId: string, at: number): LegRecord {
  return {
    ticket_id: ticketId,
    leg,
    local_date: localDate,
    service_id: serviceId,
    counter_id: null,
    user_id: null,
    queued_at: at,
    called_at: null,
    last_called_at: null,
    started_at: null,
    ended_at: null,
    end_kind: null,
  };
}

/** Applies one event of the visit's ticket (never `ticket_issued`). Unknown types leave it unchanged. */
export function foldEvent(s: VisitState, e: FoldEvent): VisitState {
  const v = { ...s.visit };
  const legs = s.legs.map((l) => ({ ...l }));
  const leg = legs[legs.length - 1];
  if (!leg) return s;
  const end = (kind: string, state: string) => {
    leg.ended_at = e.at;
    leg.end_kind = kind;
    v.state = state;
    v.finished_at = e.at;
  };
  switch (e.type) {
    case 'ticket_called':
      v.state = 'called';
      v.counter_id = e.counter_id;
      v.user_id = e.user_id;
      if (v.first_called_at === null) {
        v.first_called_at = e.at;
        v.wait_ms = e.at - v.issued_at;
      }
      leg.counter_id = e.counter_id;
      leg.user_id = e.user_id;
      leg.called_at ??= e.at;
      leg.last_called_at = e.at;
      break;
    case 'ticket_recalled':
      v.recalls += 1;
      break;
    case 'ticket_started':
      v.state = 'serving';
      leg.started_at ??= e.at;
      v.walk_ms = e.at - (leg.last_called_at ?? e.at);
      break;
    case 'ticket_parked':
      v.state = 'parked';
      break;
    case 'ticket_resumed':
      v.state = 'serving';
      leg.started_at ??= e.at;
      break;
    case 'ticket_finished':
      end('finished', 'done');
      v.outcome = typeof e.data?.outcome === 'string' ? e.data.outcome : null;
      v.transaction_ms = e.at - (leg.started_at ?? e.at);
      if (e.counter_id !== null) v.counter_id = e.counter_id;
      if (e.user_id !== null) v.user_id = e.user_id;
      break;
    case 'ticket_no_show':
      end('no-show', 'no-show');
      v.no_shows += 1;
      break;
    case 'ticket_requeued':
      v.state = 'waiting';
      v.finished_at = null;
      leg.ended_at = null;
      leg.end_kind = null;
      break;
    case 'ticket_cancelled':
      end('cancelled', 'cancelled');
      break;
    case 'ticket_expired':
      end('expired', 'expired');
      break;
    case 'ticket_transferred': {
      const to = typeof e.data?.toService === 'string' ? e.data.toService : v.service_id;
      v.service_id = to;
      v.state = 'waiting';
      if (e.counter_id === null) {
        // A waiting ticket moved to another service by staff: the same queue, relabelled.
        leg.service_id = to;
        break;
      }
      leg.ended_at = e.at;
      leg.end_kind = 'transferred';
      v.transfers += 1;
      v.legs += 1;
      v.walk_ms = null;
      v.transaction_ms = null;
      legs.push(newLeg(v.ticket_id, v.legs, v.local_date, to, e.at));
      break;
    }
    case 'feedback_given':
      v.rating = typeof e.data?.rating === 'number' ? e.data.rating : null;
      v.comment = typeof e.data?.comment === 'string' && e.data.comment !== '' ? e.data.comment : null;
      v.feedback_at = e.at;
      break;
    default:
      return s;
  }
  return { visit: v, legs };
}

/** Monday-based weekday number of a YYYY-MM-DD date. */
export function mondayWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
}
