import { addDays, localParts, zonedInstant } from '../domain/index.js';
import { foldEvent, mondayWeekday, startVisit, type FoldEvent, type LegRecord, type VisitState } from '../stats/visitFold.js';
import { counterPeriodChange } from '../stats/counterFold.js';
import { inTransaction, lockHallProjection, type CentralDb, type Queryable } from './store/centralDb.js';
import { CentralCounterStore, type CentralPeriod } from './store/counterStore.js';
import { CentralEventLog, type CentralEventRow } from './store/eventLog.js';
import { HallRegistry } from './store/hallRegistry.js';
import { CentralRollupStore } from './store/rollupStore.js';
import { CentralVisitStore } from './store/visitStore.js';

const BATCH = 5_000;
const QUARTER_HOUR = 900_000;
const DEFAULT_TARGET_MINUTES = 15;

/**
 * Folds each hall's shipped events into its visits with the hall's own fold (stats/visitFold.ts), from the hall's
 * projected mark, one transaction per batch (the batch and its mark commit together), then recomputes the roll-ups
 * of the (hall, date) pairs it touched. Work for one hall is serialised; halls proceed independently.
 */
export class CentralProjector {
  private readonly chains = new Map<string, Promise<unknown>>();
  private rollupChain: Promise<unknown> = Promise.resolve();
  private readonly localCache = new Map<string, { date: string; hour: number }>();

  constructor(private readonly db: CentralDb) {}

  /** Projects every stored event of the hall not projected yet; returns how many it folded. */
  catchUp(hallId: string): Promise<number> {
    const run = async () => {
      let total = 0;
      for (;;) {
        const n = await this.step(hallId, BATCH);
        total += n;
        if (n < BATCH) return total;
      }
    };
    const next = (this.chains.get(hallId) ?? Promise.resolve()).then(run, run);
    this.chains.set(hallId, next.catch(() => undefined));
    return next;
  }

  async catchUpAll(): Promise<void> {
    const halls = await new HallRegistry(this.db).all();
    await Promise.all(halls.filter((h) => h.projectedEventId < h.lastEventId || this.chains.has(h.id)).map((h) => this.catchUp(h.id)));
  }

  /** Recomputes the roll-ups of every dirty (hall, date). */
  refreshRollups(): Promise<void> {
    const run = async () => {
      for (;;) {
        const n = await inTransaction(this.db, async (c) => {
          const store = new CentralRollupStore(c);
          const dirty = await store.takeDirty(2_000);
          for (const [hall, dates] of dirty) await store.recompute(hall, dates);
          return [...dirty.values()].reduce((s, d) => s + d.length, 0);
        });
        if (n === 0) return;
      }
    };
    const next = this.rollupChain.then(run, run);
    this.rollupChain = next.catch(() => undefined);
    return next;
  }

  private step(hallId: string, limit: number): Promise<number> {
    return inTransaction(this.db, async (c) => {
      await lockHallProjection(c, hallId);
      const registry = new HallRegistry(c);
      const hall = await registry.byId(hallId);
      if (!hall) return 0;
      const events = await new CentralEventLog(c).after(hallId, hall.projectedEventId, limit);
      if (events.length === 0) return 0;
      const targets = new Map((await registry.targets(hallId)).map((t) => [t.service_id, t.target_minutes]));
      const timeZone = hall.timeZone ?? 'UTC';
      const visits = new CentralVisitStore(c);

      // Load the visits this batch continues (tickets issued in an earlier batch), all at once.
      const issuedHere = new Set(events.filter((e) => e.type === 'ticket_issued' && e.ticket_id !== null).map((e) => e.ticket_id));
      const earlier = [...new Set(events.map((e) => e.ticket_id).filter((t): t is number => t !== null && !issuedHere.has(t)))];
      const touched = new Map<number, VisitState>();
      const legsOf = new Map<number, LegRecord[]>();
      for (const l of await visits.legs(hallId, earlier)) legsOf.set(l.ticket_id, [...(legsOf.get(l.ticket_id) ?? []), l]);
      for (const v of await visits.visits(hallId, earlier)) touched.set(v.ticket_id, { visit: v, legs: legsOf.get(v.ticket_id) ?? [] });

      await this.counterEvents(c, hallId, events, timeZone);
      for (const r of events) {
        if (r.ticket_id === null) continue; // counter events: folded above
        const e: FoldEvent = { type: r.type, at: r.at, ticket_id: r.ticket_id, counter_id: r.counter_id, user_id: r.user_id, service_id: r.service_id, data: r.data };
        if (r.type === 'ticket_issued') {
          const serviceId = r.service_id ?? '';
          const local = this.local(r.at, timeZone);
          touched.set(r.ticket_id, startVisit(e, serviceId, {
            localDate: local.date,
            hour: local.hour,
            weekday: mondayWeekday(local.date),
            targetMs: (targets.get(serviceId) ?? DEFAULT_TARGET_MINUTES) * 60_000,
          }));
          continue;
        }
        const s = touched.get(r.ticket_id);
        if (s) touched.set(r.ticket_id, foldEvent(s, e));
      }
      const states = [...touched.values()];
      await visits.put(hallId, states.map((s) => s.visit), states.flatMap((s) => s.legs));
      await visits.markDirty(hallId, [...new Set(states.map((s) => s.visit.local_date))]);
      await registry.setProjected(hallId, events.at(-1)?.event_id ?? hall.projectedEventId);
      return events.length;
    });
  }

  /**
   * Folds the batch's counter events into the hall's counter periods with the hall's rule (stats/counterFold.ts), and
   * the periods ended inside their local day into the daily counter-time roll-up.
   */
  private async counterEvents(c: Queryable, hallId: string, events: readonly CentralEventRow[], timeZone: string): Promise<void> {
    const counterEvents = events.filter((e) => e.ticket_id === null && e.counter_id !== null);
    if (counterEvents.length === 0) return;
    const store = new CentralCounterStore(c);
    const running = await store.running(hallId, [...new Set(counterEvents.map((e) => e.counter_id ?? ''))]);
    const periods: CentralPeriod[] = [...running];
    for (const e of counterEvents) {
      const counter = e.counter_id ?? '';
      const change = counterPeriodChange(e);
      if (!change) continue;
      for (const kind of change.end) {
        for (const p of periods) {
          if (p.counter_id !== counter || p.kind !== kind || p.ended_at !== null) continue;
          p.ended_at = e.at;
          // Ended inside its local day (and not empty: the hall leaves out an empty period at the range's start):
          // counted in the daily roll-up, in this transaction, once.
          p.rolled = e.at > p.started_at && e.at <= zonedInstant(addDays(p.local_date, 1), 0, timeZone);
        }
      }
      if (change.start) {
        periods.push({ counter_id: counter, user_id: change.start.userId, kind: change.start.kind, reason: change.start.reason, local_date: this.local(e.at, timeZone).date, started_at: e.at, ended_at: null });
      }
    }
    await store.write(hallId, periods);
  }

  /** Hall-local date and hour; offsets are whole quarter hours in every real zone, so a quarter hour is cached. */
  private local(at: number, timeZone: string): { date: string; hour: number } {
    const q = Math.floor(at / QUARTER_HOUR);
    const key = `${timeZone}|${q}`;
    let v = this.localCache.get(key);
    if (!v) {
      const p = localParts(q * QUARTER_HOUR, timeZone);
      v = { date: p.date, hour: Math.floor(p.minutes / 60) };
      if (this.localCache.size > 200_000) this.localCache.clear();
      this.localCache.set(key, v);
    }
    return v;
  }
}
