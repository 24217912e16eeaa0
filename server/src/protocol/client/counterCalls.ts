import type { CallView, CounterView } from '../views.js';

/**
 * What a call says about its counter: the number on call there is the call's. A display applies it to its counters
 * on `ticket:called`; the server then sends the display channel a `counter:changed` only when more than that changed
 * (server/src/realtime/sentStates.ts), so a call reaches a display wall as one message, not two.
 */
export function withCall(counters: readonly CounterView[], call: CallView): CounterView[] {
  return counters.map((c) => (c.id === call.counterId && c.currentNumber !== call.number ? { ...c, currentNumber: call.number } : c));
}
