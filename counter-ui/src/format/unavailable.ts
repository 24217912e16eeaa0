import type { TicketView } from '@vuoro/server/protocol';
import type { MessageKey } from '../i18n/i18n.js';
import type { ActionName } from '../components/ActionBar.js';

interface CounterState {
  current: TicketView | null;
  paused: boolean;
  parked: number;
}

/** Why an action is not possible at the counter now: the sentence said when its unavailable button is pressed. */
export function unavailableReason(n: ActionName, { current, paused, parked }: CounterState): MessageKey {
  switch (n) {
    case 'next':
    case 'pause':
      return current ? 'action.unavailable.here' : paused ? 'action.unavailable.paused' : 'action.unavailable.now';
    case 'close':
      return current ? 'action.unavailable.here' : parked > 0 ? 'action.unavailable.setAside' : 'action.unavailable.now';
    case 'recall':
    case 'start':
    case 'noShow':
      return !current ? 'action.unavailable.nobody' : current.state === 'serving' ? 'action.unavailable.serving' : 'action.unavailable.now';
    case 'finish':
      return !current ? 'action.unavailable.nobody' : current.state === 'called' ? 'action.unavailable.called' : 'action.unavailable.now';
    case 'transfer':
      return current ? 'action.unavailable.now' : 'action.unavailable.nobody';
    case 'park':
      return current ? 'action.unavailable.now' : paused && parked > 0 ? 'action.unavailable.paused' : 'action.unavailable.nobody';
  }
}
