/**
 * Counter time as a pure fold, the one definition for hall and central: which open/paused periods a counter event
 * ends and which one it starts. A counter is open from `counter_opened` (or a take-over) to `counter_closed`; a
 * pause runs inside it from `counter_paused` to `counter_resumed` (or the close).
 */

export type PeriodKind = 'open' | 'paused';

export interface CounterEvent {
  type: string;
  user_id: number | null;
  data: Record<string, unknown> | null;
}

export interface PeriodChange {
  /** Running periods of these kinds end at the event. */
  end: PeriodKind[];
  /** A period that starts at the event. */
  start: { kind: PeriodKind; userId: number | null; reason: string | null } | null;
}

export function counterPeriodChange(e: CounterEvent): PeriodChange | null {
  switch (e.type) {
    case 'counter_opened':
    case 'counter_taken_over':
      return { end: ['open'], start: { kind: 'open', userId: e.user_id, reason: null } };
    case 'counter_closed':
      return { end: ['paused', 'open'], start: null };
    case 'counter_paused':
      return { end: ['paused'], start: { kind: 'paused', userId: e.user_id, reason: typeof e.data?.reason === 'string' ? e.data.reason : 'other' } };
    case 'counter_resumed':
      return { end: ['paused'], start: null };
    default:
      return null;
  }
}


/**
 * A period's time within [start, end), in whole milliseconds (so that sums do not depend on their order): the hall
 * counts each period so, and central's daily roll-up counts a period that lies wholly inside its local day so
 * (central sums the rest in SQL with the same expression: floor(x + 0.5) of the clipped time).
 */
export function periodMs(p: { started_at: number; ended_at: number | null }, start: number, end: number): number {
  return Math.round(Math.max(0, Math.min(p.ended_at ?? end, end) - Math.max(p.started_at, start)));
}
