import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent, EventType } from '../protocol/index.js';
import { Store, type NewEvent } from '../store/index.js';
import { EventBus, type EventConsumer } from './eventBus.js';

let dir: string;
let store: Store;
let bus: EventBus;
let failures: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bus-'));
  store = Store.open(path.join(dir, 'vuoro.db'));
  failures = [];
  bus = new EventBus(store.events, (name) => failures.push(name));
  store.onCommit((events) => bus.publish(events));
});

afterEach(() => {
  bus.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function recorder(name = 'recorder'): EventConsumer & { seen: DomainEvent[] } {
  const seen: DomainEvent[] = [];
  return { name, seen, handle: (events) => seen.push(...events) };
}

const opened = (counterId: string, at = 1): NewEvent => ({ type: 'counter_opened', at, counterId, data: { services: ['a'] } });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await nextTurn();
}

/** One body of every event type, as the services write them. */
const EVERY_TYPE: { [K in EventType]: Extract<NewEvent, { type: K }>['data'] } = {
  ticket_issued: { number: 'A001', language: 'fi', needs: ['hearing-loop', 'interpreter:ar'], kioskId: 'k1' },
  ticket_called: {
    reason: { rule: 'weighted-wait', policy: 'aging', waitedMinutes: 4.5, weight: 2, score: 9, matchedFeature: 'hearing-loop', candidates: 3 },
    waitedMs: 270_000,
  },
  ticket_recalled: { recall: 2 },
  ticket_started: null,
  ticket_finished: { outcome: 'done', transactionMs: 300_000 },
  ticket_no_show: null,
  ticket_requeued: null,
  ticket_transferred: { fromService: 'a', toService: 'b', toCounter: '3', note: 'needs a form', legMs: 1000 },
  ticket_parked: null,
  ticket_resumed: null,
  ticket_cancelled: { by: 'visitor' },
  ticket_expired: { from: 'waiting' },
  ticket_noted: { note: 'brought the old passport' },
  counter_opened: { services: ['a', 'b'] },
  counter_closed: { pausedReason: 'lunch' },
  counter_paused: { reason: 'lunch' },
  counter_resumed: { reason: 'lunch', pausedMs: 60_000 },
  counter_taken_over: { from: 2 },
  counter_profile_changed: { services: [{ serviceId: 'a', weight: 2 }] },
  service_stopped: null,
  service_restarted: null,
  config_changed: { what: 'announcement', text: 'Counter 3 closes at noon' },
  feedback_given: { rating: 4, comment: 'quick', language: 'sv' },
  appointment_booked: { appointmentId: 1, slotAt: 5_000, by: 'visitor' },
  appointment_moved: { appointmentId: 1, from: 5_000, slotAt: 6_000, by: 'staff', reason: 'asked by phone' },
  appointment_cancelled: { appointmentId: 1, slotAt: 6_000, by: 'visitor', reason: null },
  appointment_arrived: { appointmentId: 2, slotAt: 7_000, lateMinutes: -5 },
  appointment_no_show: { appointmentId: 3, slotAt: 8_000 },
  ticket_checked_in: { how: 'status-page' },
  ticket_skipped: { graceMinutes: 15 },
};

describe('the event flow', () => {
  it('every event type round-trips: what consumers receive after the commit is what the log gives back', () => {
    const live = recorder();
    bus.subscribe(live);
    store.transaction(() => {
      for (const [type, data] of Object.entries(EVERY_TYPE)) {
        store.events.append({ type, data, at: 1000, counterId: '3', userId: 1, serviceId: 'a' } as NewEvent);
      }
    });
    expect(live.seen.map((e) => e.type)).toEqual(Object.keys(EVERY_TYPE));
    expect(store.events.since(0, 100)).toEqual(live.seen);
    expect(live.seen.map((e) => e.data)).toEqual(Object.values(EVERY_TYPE));
  });

  it('publishes only after the commit, in commit order, with increasing event ids', () => {
    const live = recorder();
    bus.subscribe(live);
    store.transaction(() => {
      store.events.append(opened('1'));
      store.events.append(opened('2'));
      expect(live.seen).toEqual([]);
    });
    store.transaction(() => store.events.append(opened('3')));
    expect(live.seen.map((e) => e.counterId)).toEqual(['1', '2', '3']);
    const ids = live.seen.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(3);
  });

  it('a transaction that fails publishes nothing, and a failed nested one takes only its own events back', () => {
    const live = recorder();
    bus.subscribe(live);
    expect(() =>
      store.transaction(() => {
        store.events.append(opened('1'));
        throw new Error('decided against it');
      }),
    ).toThrow('decided against it');
    store.transaction(() => {
      store.events.append(opened('2'));
      try {
        store.transaction(() => {
          store.events.append(opened('3'));
          throw new Error('inner');
        });
      } catch {
        // the outer transaction carries on
      }
    });
    expect(live.seen.map((e) => e.counterId)).toEqual(['2']);
    expect(store.events.since(0, 10).map((e) => e.counterId)).toEqual(['2']);
  });

  it('a consumer that throws is reported and the others still get every event', () => {
    const before = recorder('before');
    const after = recorder('after');
    bus.subscribe(before);
    bus.subscribe({ name: 'broken', handle: () => { throw new Error('boom'); } });
    bus.subscribe(after);
    expect(() => store.transaction(() => store.events.append(opened('1')))).not.toThrow();
    store.transaction(() => store.events.append(opened('2')));
    expect(failures).toEqual(['broken', 'broken']);
    expect(before.seen.map((e) => e.counterId)).toEqual(['1', '2']);
    expect(after.seen.map((e) => e.counterId)).toEqual(['1', '2']);
  });

  it('events committed by a consumer reach everyone after the batch that caused them, in order', () => {
    const log: string[] = [];
    bus.subscribe({
      name: 'reacts',
      handle: (events) => {
        for (const e of events) {
          log.push(`first:${e.counterId ?? ''}`);
          if (e.counterId === '1') store.transaction(() => store.events.append(opened('2')));
        }
      },
    });
    bus.subscribe({ name: 'second', handle: (events) => events.forEach((e) => log.push(`second:${e.counterId ?? ''}`)) });
    store.transaction(() => store.events.append(opened('1')));
    expect(log).toEqual(['first:1', 'second:1', 'first:2', 'second:2']);
  });

  it('a consumer resuming after its own mark catches up from the log, then goes live without a gap or a repeat', async () => {
    store.transaction(() => {
      for (let i = 1; i <= 2500; i++) store.events.append(opened(String(i), i));
    });
    const mark = 1200;
    const late = recorder('late');
    bus.subscribe(late, { after: mark });
    // Live events committed while it catches up arrive after the backlog, once.
    store.transaction(() => store.events.append(opened('live-1')));
    expect(late.seen).toEqual([]);
    await settle();
    store.transaction(() => store.events.append(opened('live-2')));
    const ids = late.seen.map((e) => e.id);
    expect(ids[0]).toBe(mark + 1);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => mark + 1 + i));
    expect(late.seen.slice(-2).map((e) => e.counterId)).toEqual(['live-1', 'live-2']);
  });

  it('an unsubscribed consumer hears nothing more', () => {
    const live = recorder();
    const stop = bus.subscribe(live);
    store.transaction(() => store.events.append(opened('1')));
    stop();
    store.transaction(() => store.events.append(opened('2')));
    expect(live.seen.map((e) => e.counterId)).toEqual(['1']);
  });
});
