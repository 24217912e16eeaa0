import { EventEmitter } from 'node:events';
import type { CallView } from '../protocol/index.js';

/** What a committed state change touched; realtime and devices react to it after the commit. */
export interface Change {
  tickets?: number[];
  counters?: string[];
  call?: CallView;
  /** Waiting counts or estimates may have changed. */
  queue?: boolean;
  announcement?: boolean;
  config?: boolean;
  takenOver?: { counterId: string; previousUserId: number; by: string };
}

export class ChangeBus extends EventEmitter<{ change: [Change] }> {
  publish(change: Change): void {
    this.emit('change', change);
  }
}
