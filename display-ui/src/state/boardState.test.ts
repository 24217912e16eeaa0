import { describe, expect, it } from 'vitest';
import type { CallView, PublicSnapshot } from '@vuoro/server/protocol';
import { CALLS_KEPT, INITIAL_STATE, step, type BoardState } from './boardState.js';

function call(n: number, over: Partial<CallView> = {}): CallView {
  return { ticketId: n, number: `A${n}`, serviceId: 'identity', counterId: '1', counterLabel: '1', language: 'en', recall: false, at: 10_000 + n, ...over };
}

function snapshot(over: Partial<PublicSnapshot> = {}): PublicSnapshot {
  return {
    role: 'display',
    seq: 10,
    epoch: 'e1',
    now: 20_000,
    hall: { name: { en: 'Hall' }, timeZone: 'Europe/Helsinki', languages: ['en'], defaultLanguage: 'en', demo: true, publicUrl: null },
    organisations: [],
    services: [],
    counters: [],
    recentCalls: [],
    messages: [],
    announcement: null,
    display: null,
    kiosk: null,
    ...over,
  };
}

const joined = (over: Partial<PublicSnapshot> = {}): BoardState => step(INITIAL_STATE, { type: 'snapshot', snapshot: snapshot(over) }).state;

describe('board state', () => {
  it('the next sequence number is applied without asking for a snapshot', () => {
    const r = step(joined(), { type: 'ticket:called', seq: 11, call: call(1) });
    expect(r.resync).toBe(false);
    expect(r.state.sequence.seq).toBe(11);
    expect(r.state.calls.map((c) => c.number)).toEqual(['A1']);
    expect(r.announce.map((c) => c.number)).toEqual(['A1']);
  });

  it('a missed sequence number asks for one snapshot, ignores events until it arrives, and the snapshot announces the call', () => {
    const r = step(joined(), { type: 'ticket:called', seq: 13, call: call(2) });
    expect(r.resync).toBe(true);
    expect(r.state.calls).toEqual([]);
    expect(r.announce).toEqual([]);
    const next = step(r.state, { type: 'ticket:called', seq: 14, call: call(3) });
    expect(next.resync).toBe(false);
    expect(next.state.calls).toEqual([]);
    const s = step(next.state, { type: 'snapshot', snapshot: snapshot({ seq: 14, now: 20_000, recentCalls: [call(3), call(2)] }) });
    expect(s.state.calls.map((c) => c.number)).toEqual(['A3', 'A2']);
    expect(s.announce.map((c) => c.number)).toEqual(['A2', 'A3']);
    expect(step(s.state, { type: 'hall:announcement', seq: 15, text: 'Hi' }).state.snapshot?.announcement).toBe('Hi');
  });

  it("a call puts its number on its counter (the server sends no counter:changed that says only that)", () => {
    const counter = { id: '1', label: '1', name: null, features: [], roaming: false, open: true, paused: false, services: [], currentNumber: null };
    const other = { ...counter, id: '2', label: '2', currentNumber: 'B7' };
    const r = step(joined({ counters: [counter, other] }), { type: 'ticket:called', seq: 11, call: call(4) });
    expect(r.state.snapshot?.counters.map((c) => [c.id, c.currentNumber])).toEqual([['1', 'A4'], ['2', 'B7']]);
  });

  it('events already contained in the snapshot are ignored', () => {
    const r = step(joined(), { type: 'ticket:called', seq: 9, call: call(3) });
    expect(r.resync).toBe(false);
    expect(r.state.calls).toEqual([]);
    expect(r.announce).toEqual([]);
  });

  it('a configuration change asks for a snapshot, once', () => {
    const r = step(joined(), { type: 'hall:config', seq: 11 });
    expect(r.resync).toBe(true);
    expect(step(r.state, { type: 'hall:config', seq: 12 }).resync).toBe(false);
  });

  it('a snapshot from a restarted server (new epoch, lower seq) replaces the state and announces calls missed meanwhile', () => {
    let s = step(joined(), { type: 'ticket:called', seq: 11, call: call(1) }).state;
    s = step(s, { type: 'connection', connection: 'reconnecting' }).state;
    expect(s.connection).toBe('reconnecting');
    expect(s.calls).toHaveLength(1);
    const r = step(s, { type: 'snapshot', snapshot: snapshot({ seq: 2, epoch: 'e2', now: 20_000, recentCalls: [call(3), call(2), call(1)] }) });
    expect(r.state).toMatchObject({ sequence: { seq: 2, epoch: 'e2' }, connection: 'live' });
    expect(r.announce.map((c) => c.number)).toEqual(['A2', 'A3']);
    // Events of the new server continue from its sequence.
    expect(step(r.state, { type: 'hall:announcement', seq: 3, text: 'Back soon' }).state.snapshot?.announcement).toBe('Back soon');
  });

  it('the first snapshot announces nothing: old calls are shown, not spoken', () => {
    expect(step(INITIAL_STATE, { type: 'snapshot', snapshot: snapshot({ recentCalls: [call(1)] }) }).announce).toEqual([]);
  });

  it('updates a counter and the waiting figures in place', () => {
    const counter = { id: '4', label: '4', name: null, features: [], roaming: false, open: true, paused: false, services: [], currentNumber: 'K001' };
    let s = joined({ counters: [{ ...counter, currentNumber: null }] });
    s = step(s, { type: 'counter:changed', seq: 11, counter }).state;
    expect(s.snapshot?.counters).toEqual([counter]);
  });

  it('keeps a bounded number of calls however many are made', () => {
    let s = joined();
    for (let n = 1; n <= 1_000; n += 1) s = step(s, { type: 'ticket:called', seq: 10 + n, call: call(n) }).state;
    expect(s.calls).toHaveLength(CALLS_KEPT);
    expect(s.calls[0]?.number).toBe('A1000');
  });
});
