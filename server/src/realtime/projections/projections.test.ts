import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadHallFile, DEMO_HALL_FILE } from '../../config.js';
import type { DomainEvent } from '../../protocol/index.js';
import { createServices, type Actor, type Services } from '../../services/index.js';
import { Store } from '../../store/index.js';
import type { Outgoing } from '../outgoing.js';
import { counterChanged } from './counterChanged.js';
import { counterTakenOver } from './counterTakenOver.js';
import { hallAnnouncement } from './hallAnnouncement.js';
import { hallConfig } from './hallConfig.js';
import { affectsQueue } from './queueChanged.js';
import { ticketCalled } from './ticketCalled.js';
import { ticketChanged } from './ticketChanged.js';
import { ownTicketChanged, WaitingVisitors } from './visitorStatus.js';

let dir: string;
let store: Store;
let s: Services;
let events: DomainEvent[];
let t = Date.UTC(2026, 10, 23, 9, 0);
const ACTOR: Actor = { userId: 1, name: 'Admin', role: 'admin', organisationId: null };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vuoro-projections-'));
  store = Store.open(path.join(dir, 'vuoro.db'));
  s = createServices(store, loadHallFile(DEMO_HALL_FILE), () => t, () => undefined);
  events = [];
  s.events.subscribe({ name: 'test', handle: (e) => events.push(...e) });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The events one action commits. */
function eventsOf(action: () => unknown): DomainEvent[] {
  const from = events.length;
  t += 1000;
  action();
  return events.slice(from);
}

const summary = (list: Outgoing[]) => list.map((o) => `${o.channel} ${o.event}`);

describe('realtime projections: given events → what each role is sent', () => {
  it('a call goes to displays and staff as ticket:called, with the counter of the event', () => {
    eventsOf(() => s.counters.open('1', ACTOR, {}));
    const issued = s.tickets.issue({ serviceId: 'identity', needs: ['hearing-loop'] }).ticket;
    const called = eventsOf(() => s.counters.callNext('1', ACTOR));
    const out = ticketCalled(called, s);
    expect(summary(out)).toEqual(['display ticket:called', 'staff ticket:called']);
    const first = out[0];
    expect(first?.event === 'ticket:called' && first.payload.call).toEqual({
      ticketId: issued.id,
      number: 'A001',
      serviceId: 'identity',
      counterId: '1',
      counterLabel: '1',
      language: 'en',
      recall: false,
      at: t,
    });
    const recalled = eventsOf(() => s.counters.recall('1', ACTOR));
    const again = ticketCalled(recalled, s)[0];
    expect(again?.event === 'ticket:called' && again.payload.call.recall).toBe(true);
    // Nothing else is a call.
    expect(ticketCalled(eventsOf(() => s.counters.start('1', ACTOR)), s)).toEqual([]);
  });

  it('a counter event gives displays the public counter and staff the one with who works there', () => {
    const opened = eventsOf(() => s.counters.open('2', ACTOR, {}));
    const out = counterChanged(opened, s);
    expect(summary(out)).toEqual(['display counter:changed', 'staff counter:changed']);
    const [display, staff] = out;
    expect(display?.event === 'counter:changed' && display.payload.counter).toMatchObject({ id: '2', open: true });
    expect(display?.event === 'counter:changed' && display.payload.counter.staff).toBeUndefined();
    expect(staff?.event === 'counter:changed' && staff.payload.counter.staff?.userId).toBe(1);
  });

  it('staff get ticket:changed once per ticket; a ticket that left the active list is sent as null', () => {
    const issued = eventsOf(() => s.tickets.issue({ serviceId: 'parking', needs: [] }));
    const out = ticketChanged(issued, s);
    expect(summary(out)).toEqual(['staff ticket:changed']);
    const id = issued[0]?.ticketId ?? 0;
    const token = s.tickets.find(id)?.statusToken ?? '';
    const gone = ticketChanged(eventsOf(() => s.tickets.cancelByVisitor(token)), s)[0];
    expect(gone?.event === 'ticket:changed' && gone.payload).toEqual({ ticketId: id, ticket: null });
    // Displays and kiosks never get ticket rows (tokens, needs).
    expect(out.every((o) => o.channel === 'staff')).toBe(true);
  });

  it('the announcement goes to displays and staff with its text; a config change asks every screen to reload', () => {
    const announced = eventsOf(() => s.hall.setAnnouncement('Counter 3 closes at noon', ACTOR));
    const out = hallAnnouncement(announced);
    expect(summary(out)).toEqual(['display hall:announcement', 'staff hall:announcement']);
    expect(out[0]?.event === 'hall:announcement' && out[0].payload.text).toBe('Counter 3 closes at noon');
    expect(hallConfig(announced)).toEqual([]);
    expect(announced.some(affectsQueue)).toBe(false);
    const changed = eventsOf(() => s.hall.replace(s.hall.export(), ACTOR, 'services'));
    expect(summary(hallConfig(changed))).toEqual(['display hall:config', 'kiosk hall:config', 'staff hall:config']);
    expect(changed.some(affectsQueue)).toBe(true);
  });

  it('a take-over tells staff who took the counter from whom', () => {
    eventsOf(() => s.counters.open('4', { ...ACTOR, userId: 2, name: 'Other', role: 'staff' }, {}));
    const taken = eventsOf(() => s.counters.open('4', ACTOR, { takeOver: true }));
    const out = counterTakenOver(taken, s);
    expect(summary(out)).toEqual(['staff counter:taken-over']);
    expect(out[0]?.event === 'counter:taken-over' && out[0].payload).toMatchObject({ counterId: '4', previousUserId: 2 });
  });

  it('a visitor whose ticket is called is told at once; waiting visitors are told only when their place or estimate changed', () => {
    s.counters.open('1', ACTOR, {});
    const a = s.tickets.issue({ serviceId: 'identity', needs: [] }).ticket;
    const b = s.tickets.issue({ serviceId: 'identity', needs: [] }).ticket;
    const c = s.tickets.issue({ serviceId: 'residence', needs: [] }).ticket;
    const followed = new Set([a.id, b.id, c.id]);
    const waiting = new WaitingVisitors();
    const counters = s.views.counters();
    // First batch: everyone followed gets their status once.
    expect(waiting.batch(followed, new Set(), s, counters).map((m) => m.ticketId)).toEqual([a.id, b.id, c.id]);
    // Nothing changed: nobody is sent anything.
    expect(waiting.batch(followed, new Set(), s, counters)).toEqual([]);
    const called = eventsOf(() => s.counters.callNext('1', ACTOR));
    const own = ownTicketChanged(called, s, (id) => followed.has(id));
    expect(own.now.map((m) => [m.ticketId, m.status.state, m.seq])).toEqual([[a.id, 'called', called.at(-1)?.id]]);
    expect(own.waiting).toEqual([]);
    // B moved up; C (another service, its counter busy) may or may not: only changed ones are sent.
    const next = waiting.batch(followed, new Set(), s, s.views.counters());
    expect(next.map((m) => m.ticketId)).toContain(b.id);
    expect(next.map((m) => m.ticketId)).not.toContain(a.id);
    expect(next.find((m) => m.ticketId === b.id)?.status.position).toBe(0);
    // A marked ticket (its own change) is sent even if its place did not move.
    expect(waiting.batch(followed, new Set([c.id]), s, s.views.counters()).map((m) => m.ticketId)).toEqual([c.id]);
  });
});
