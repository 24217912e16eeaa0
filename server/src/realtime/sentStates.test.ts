import { describe, expect, it } from 'vitest';
import type { CounterView, ServiceStatus } from '../protocol/index.js';
import { outgoing } from './outgoing.js';
import { SentStates } from './sentStates.js';

const counter = (id: string, currentNumber: string | null): CounterView => ({
  id,
  label: id,
  name: null,
  features: [],
  roaming: false,
  open: true,
  paused: false,
  services: [],
  currentNumber,
});

describe('state events sent only when they differ from what the channel was last sent', () => {
  it('a counter view identical to the last one sent to a channel is not sent again; another counter or channel is its own subject', () => {
    const sent = new SentStates();
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('1', 'A001') }))).toBe(true);
    // Starting the visit: the display's view of counter 1 is the same.
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('1', 'A001') }))).toBe(false);
    expect(sent.fresh(outgoing('staff', 'counter:changed', { counter: counter('1', 'A001') }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('2', 'A001') }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('1', null) }))).toBe(true);
    // Back to a state sent before, but not the last one: sent.
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('1', 'A001') }))).toBe(true);
  });

  it("a display is not sent a call's counter:changed that says only what the call did; staff are, and a counter that changed more is", () => {
    const sent = new SentStates();
    const call = { ticketId: 1, number: 'A002', serviceId: 'a', counterId: '1', counterLabel: '1', language: 'en', recall: false, at: 1 } as const;
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('1', 'A001') }))).toBe(true);
    expect(sent.fresh(outgoing('staff', 'counter:changed', { counter: counter('1', 'A001') }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'ticket:called', { call }))).toBe(true);
    expect(sent.fresh(outgoing('staff', 'ticket:called', { call }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('1', 'A002') }))).toBe(false);
    expect(sent.fresh(outgoing('staff', 'counter:changed', { counter: counter('1', 'A002') }))).toBe(true);
    // Called, then paused before the update went out: the display needs to hear of the pause.
    expect(sent.fresh(outgoing('display', 'ticket:called', { call: { ...call, number: 'A003' } }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: { ...counter('1', 'A003'), paused: true } }))).toBe(true);
    // A counter the channel was never sent a view of gets its counter:changed after a call.
    expect(sent.fresh(outgoing('display', 'ticket:called', { call: { ...call, counterId: '9' } }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'counter:changed', { counter: counter('9', 'A002') }))).toBe(true);
  });

  it('the queue picture is sent when it changed, per channel; news (calls) is always sent', () => {
    const sent = new SentStates();
    const services = [{ id: 'a', waiting: 1 }] as unknown as ServiceStatus[];
    expect(sent.fresh(outgoing('display', 'queue:changed', { services }))).toBe(true);
    expect(sent.fresh(outgoing('kiosk', 'queue:changed', { services }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'queue:changed', { services: [...services] }))).toBe(false);
    expect(sent.fresh(outgoing('display', 'queue:changed', { services: [{ id: 'a', waiting: 2 }] as unknown as ServiceStatus[] }))).toBe(true);
    const call = { ticketId: 1, number: 'A001', serviceId: 'a', counterId: '1', counterLabel: '1', language: 'en', recall: false, at: 1 } as const;
    expect(sent.fresh(outgoing('display', 'ticket:called', { call }))).toBe(true);
    expect(sent.fresh(outgoing('display', 'ticket:called', { call }))).toBe(true);
  });
});
