import type { Outgoing } from './outgoing.js';

/**
 * The events that describe a current state rather than something that happened (a counter's view, the queue
 * picture) are sent to a channel only when they differ from what that channel was last sent about the same subject:
 * starting a visit changes nothing a display shows of its counter, and a window in which a ticket was issued and
 * called may leave the queue picture as it was. Every socket of a channel holds at least the last state sent (or a
 * newer snapshot, or it sees a gap in the sequence and asks for one), so an identical one would tell it nothing; it
 * would only cost one write per screen and a number in the sequence.
 */
export class SentStates {
  private readonly last = new Map<string, string>();

  /** True when `o` should be sent (and it is then remembered as the channel's state of its subject). */
  fresh(o: Outgoing): boolean {
    const subject = subjectOf(o);
    if (subject === undefined) return true;
    const body = JSON.stringify(o.payload);
    if (this.last.get(subject) === body) return false;
    this.last.set(subject, body);
    return true;
  }
}

/** The channel and subject of a state event; undefined for events that are news (calls, ticket changes, …). */
function subjectOf(o: Outgoing): string | undefined {
  if (o.event === 'counter:changed') return `${o.channel} counter ${o.payload.counter.id}`;
  if (o.event === 'queue:changed') return `${o.channel} queue`;
  return undefined;
}
