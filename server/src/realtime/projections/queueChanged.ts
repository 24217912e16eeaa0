import type { DomainEvent, ServiceStatus } from '../../protocol/index.js';
import { figuresOf } from '../../protocol/client/index.js';
import { CHANNELS, outgoing, type Outgoing } from '../outgoing.js';

/** Events after which waiting counts, availability or estimates may differ (all but feedback and announcements). */
export function affectsQueue(e: DomainEvent): boolean {
  return e.type !== 'feedback_given' && !(e.type === 'config_changed' && e.data.what === 'announcement');
}

/**
 * `queue:changed` to every screen; sent from the coalesced batch, one estimate computation for many events. It carries
 * only each service's figures (protocol ServiceFigures), not its names and texts in every language: a display
 * wall is sent a small message per change, not the configuration again.
 */
export function queueChanged(services: ServiceStatus[]): Outgoing[] {
  const figures = services.map(figuresOf);
  return CHANNELS.map((ch) => outgoing(ch, 'queue:changed', { services: figures }));
}
