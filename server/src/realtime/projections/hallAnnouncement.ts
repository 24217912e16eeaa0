import type { DomainEvent } from '../../protocol/index.js';
import { outgoing, type Outgoing } from '../outgoing.js';

/** The supervisor's announcement (or its removal) to displays and staff; the event carries the text. */
export function hallAnnouncement(events: readonly DomainEvent[]): Outgoing[] {
  return events.flatMap((e) => {
    if (e.type !== 'config_changed' || e.data.what !== 'announcement') return [];
    const text = e.data.text ?? null;
    return [outgoing('display', 'hall:announcement', { text }), outgoing('staff', 'hall:announcement', { text })];
  });
}
