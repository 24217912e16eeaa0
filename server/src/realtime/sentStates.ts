import type { CounterView } from '../protocol/index.js';
import { withCall } from '../protocol/client/index.js';
import type { Channel, Outgoing } from './outgoing.js';

/** Channels whose screens apply a call's number to its counter themselves (withCall): the display wall. */
const APPLY_CALLS: ReadonlySet<Channel> = new Set(['display']);

/**
 * The events that describe a current state rather than something that happened (a counter's view, the queue
 * picture) are sent to a channel only when they differ from what that channel already knows about the same subject:
 * the last state sent, with what the channel's screens derive themselves from the news sent since (a display sets
 * the called number on its counter: withCall). Starting a visit changes nothing a display shows of its counter, a
 * call's own counter:changed tells a display nothing the call did not, and a window in which a ticket was issued and
 * called may leave the queue picture as it was. Every socket of a channel holds at least that state (or a newer
 * snapshot, or it sees a gap in the sequence and asks for one), so an identical message would tell it nothing; it
 * would only cost one write per screen and a number in the sequence.
 */
export class SentStates {
  private readonly last = new Map<string, string>();
  private readonly counters = new Map<string, CounterView>();

  /** True when `o` should be sent (and it is then remembered as what the channel knows of its subject). */
  fresh(o: Outgoing): boolean {
    if (o.event === 'ticket:called') {
      if (APPLY_CALLS.has(o.channel)) this.derive(o.channel, o.payload.call.counterId, (c) => withCall([c], o.payload.call)[0] ?? c);
      return true;
    }
    const subject = subjectOf(o);
    if (subject === undefined) return true;
    const body = JSON.stringify(o.payload);
    if (this.last.get(subject) === body) return false;
    this.last.set(subject, body);
    if (o.event === 'counter:changed') this.counters.set(subject, o.payload.counter);
    return true;
  }

  /** The channel's screens changed their view of a counter themselves. */
  private derive(channel: Channel, counterId: string, change: (c: CounterView) => CounterView): void {
    const subject = counterSubject(channel, counterId);
    const known = this.counters.get(subject);
    if (!known) return;
    const next = change(known);
    this.counters.set(subject, next);
    this.last.set(subject, JSON.stringify({ counter: next }));
  }
}

const counterSubject = (channel: Channel, counterId: string) => `${channel} counter ${counterId}`;

/** The channel and subject of a state event; undefined for events that are news (calls, ticket changes, …). */
function subjectOf(o: Outgoing): string | undefined {
  if (o.event === 'counter:changed') return counterSubject(o.channel, o.payload.counter.id);
  if (o.event === 'queue:changed') return `${o.channel} queue`;
  return undefined;
}
