import type { DomainEvent } from '../../protocol/index.js';
import { CHANNELS, outgoing, type Outgoing } from '../outgoing.js';

/** A configuration change (not the announcement) tells every screen to fetch a fresh snapshot. */
export function isConfigChange(e: DomainEvent): boolean {
  return e.type === 'config_changed' && e.data.what !== 'announcement';
}

export function hallConfig(events: readonly DomainEvent[]): Outgoing[] {
  return events.some(isConfigChange) ? CHANNELS.map((ch) => outgoing(ch, 'hall:config', {})) : [];
}
