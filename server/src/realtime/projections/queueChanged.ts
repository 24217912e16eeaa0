import type { DomainEvent, ServiceStatus } from '../../protocol/index.js';
import { CHANNELS, outgoing, type Outgoing } from '../outgoing.js';

/** Events after which waiting counts, availability or estimates may differ (all but feedback and announcements). */
export function affectsQueue(e: DomainEvent): boolean {
  return e.type !== 'feedback_given' && !(e.type === 'config_changed' && e.data.what === 'announcement');
}

/** `queue:changed` to every screen; sent from the coalesced batch, one estimate computation for many events. */
export function queueChanged(services: ServiceStatus[]): Outgoing[] {
  return CHANNELS.map((ch) => outgoing(ch, 'queue:changed', { services }));
}
