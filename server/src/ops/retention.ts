import { setImmediate as yieldToQueue } from 'node:timers/promises';
import type { RetentionPolicy } from '../config.js';
import { addDays, DomainError } from '../domain/index.js';
import type { RetentionPolicyView } from '../protocol/index.js';
import { PERSONAL_DATA, type HeldData, type PersonalData, type Store } from '../store/index.js';

const BATCH = 500;
const DAYS: Record<PersonalData, keyof RetentionPolicy> = {
  needs: 'needsDays',
  notes: 'notesDays',
  comments: 'commentsDays',
  statusTokens: 'statusTokensDays',
};
const markKey = (kind: PersonalData) => `retention.${kind}.through`;
const LAST_RUN = 'retention.lastRun';

/**
 * Removes visitors' personal data once its period has passed (a daily job), and one visitor's data on request.
 * Each kind remembers the last day it cleared, so a run only reads the days that came due since; the work is done in
 * small transactions with the queue served in between.
 */
export class RetentionService {
  constructor(
    private readonly store: Store,
    readonly policy: RetentionPolicy,
    private readonly today: () => string,
    private readonly now: () => number,
  ) {}

  view(): RetentionPolicyView {
    const last = this.store.hall.state(LAST_RUN);
    return { ...this.policy, lastRun: last ? (JSON.parse(last) as RetentionPolicyView['lastRun']) : null };
  }

  /** Clears everything that came due; returns how many rows had a field cleared. */
  async run(): Promise<{ changes: number }> {
    const today = this.today();
    let changes = 0;
    for (const kind of PERSONAL_DATA) {
      const through = addDays(today, -(this.policy[DAYS[kind]] + 1));
      const from = this.store.hall.state(markKey(kind)) ?? '0000-00-00';
      if (from >= through) continue;
      let after = 0;
      for (;;) {
        const ids = this.store.retention.batch(from, through, after, BATCH);
        if (ids.length === 0) break;
        changes += this.store.transaction(() => this.store.retention.clearFrom(kind, ids));
        after = ids.at(-1) ?? after;
        await yieldToQueue();
      }
      this.store.hall.setState(markKey(kind), through);
    }
    // Sign-in attempts (usernames, addresses) and known-good addresses have their own fixed periods (30 and 90 days);
    // they are not visits' data, so they are not counted in `changes`.
    this.store.transaction(() => this.store.signIns.purgeOld(this.now()));
    const result = { changes };
    this.store.hall.setState(LAST_RUN, JSON.stringify({ at: this.now(), ...result }));
    return result;
  }

  /** What is held about the visit with this number (upper case) on this hall-local day. */
  find(localDate: string, number: string): HeldData[] {
    const held = this.store.retention.held(localDate, number);
    if (held.length === 0) throw new DomainError('not_found', `There is no ticket ${number} on ${localDate}.`);
    return held;
  }

  /** Erases one visitor's personal data now (needs, note, comment, status link); the anonymous figures stay. */
  erase(localDate: string, number: string): HeldData[] {
    const held = this.find(localDate, number);
    const active = held.filter((h) => ['waiting', 'called', 'serving', 'parked'].includes(h.state));
    if (active.length > 0) throw new DomainError('conflict', `Ticket ${number} is still ${active[0]?.state}; finish or cancel the visit first.`);
    const ids = held.map((h) => h.ticketId);
    this.store.transaction(() => {
      for (const kind of PERSONAL_DATA) this.store.retention.clearFrom(kind, ids);
    });
    return this.store.retention.held(localDate, number);
  }
}
