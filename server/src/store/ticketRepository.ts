import { LRUCache } from 'lru-cache';
import type { CallReason, Language, Need, TicketState } from '../protocol/index.js';
import type { Ticket } from '../domain/index.js';
import type { Db } from './database.js';

interface TicketRow {
  id: number;
  number: string;
  service_id: string;
  original_service_id: string;
  local_date: string;
  state: TicketState;
  language: Language;
  needs: string;
  priority: number;
  issued_at: number;
  queued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  no_show_at: number | null;
  counter_id: string | null;
  target_counter_id: string | null;
  recall_count: number;
  outcome: string | null;
  note: string | null;
  call_reason: string | null;
  kiosk_id: string | null;
  status_token: string;
  appointment_at: number | null;
  remote: number;
  held: number;
  skipped_at: number | null;
  arrival_code: string | null;
}

/** A ticket's needs from their stored JSON (most tickets have none). */
function needsOf(json: string): Need[] {
  return json === '[]' ? [] : (JSON.parse(json) as Need[]);
}

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    number: r.number,
    serviceId: r.service_id,
    originalServiceId: r.original_service_id,
    localDate: r.local_date,
    state: r.state,
    language: r.language,
    needs: needsOf(r.needs),
    issuedAt: r.issued_at,
    queuedAt: r.queued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    noShowAt: r.no_show_at,
    counterId: r.counter_id,
    targetCounterId: r.target_counter_id,
    recallCount: r.recall_count,
    outcome: r.outcome,
    note: r.note,
    callReason: r.call_reason === null ? null : (JSON.parse(r.call_reason) as CallReason),
    kioskId: r.kiosk_id,
    statusToken: r.status_token,
    appointmentAt: r.appointment_at,
    remote: r.remote === 1,
    held: r.held === 1,
    skippedAt: r.skipped_at,
    arrivalCode: r.arrival_code,
  };
}

function toParams(t: Omit<Ticket, 'id'>) {
  return {
    number: t.number,
    service_id: t.serviceId,
    original_service_id: t.originalServiceId,
    local_date: t.localDate,
    state: t.state,
    language: t.language,
    needs: JSON.stringify(t.needs),
    priority: t.needs.includes('priority') ? 1 : 0,
    issued_at: t.issuedAt,
    queued_at: t.queuedAt,
    called_at: t.calledAt,
    started_at: t.startedAt,
    finished_at: t.finishedAt,
    no_show_at: t.noShowAt,
    counter_id: t.counterId,
    target_counter_id: t.targetCounterId,
    recall_count: t.recallCount,
    outcome: t.outcome,
    note: t.note,
    call_reason: t.callReason === null ? null : JSON.stringify(t.callReason),
    kiosk_id: t.kioskId,
    status_token: t.statusToken,
    appointment_at: t.appointmentAt ?? null,
    remote: t.remote === true ? 1 : 0,
    held: t.held === true ? 1 : 0,
    skipped_at: t.skippedAt ?? null,
    arrival_code: t.arrivalCode ?? null,
  };
}

const COLUMNS: readonly (keyof ReturnType<typeof toParams>)[] = [
  'number', 'service_id', 'original_service_id', 'local_date', 'state', 'language', 'needs', 'priority',
  'issued_at', 'queued_at', 'called_at', 'started_at', 'finished_at', 'no_show_at', 'counter_id',
  'target_counter_id', 'recall_count', 'outcome', 'note', 'call_reason', 'kiosk_id', 'status_token',
  'appointment_at', 'remote', 'held', 'skipped_at', 'arrival_code',
];

/** The longest status token a ticket can hold (real ones are 24 characters, erased ones 39): longer is never looked up. */
export const MAX_STATUS_TOKEN_LENGTH = 64;
/** Unknown status tokens remembered (each at most MAX_STATUS_TOKEN_LENGTH characters: a few MB at most). */
export const UNKNOWN_TOKENS_KEPT = 10_000;

/** What is known about a visitor's status token: a ticket has it, a lookup just found none, or none was found before. */
export type TokenKnowledge = 'ticket' | 'unknown' | 'known-unknown';

export class TicketRepository {
  /**
   * Status tokens looked up and not found, least recently asked dropped first. A flood of requests for one unknown
   * token costs one lookup; a ticket stored with a token takes it off this list (the only way a token comes to exist).
   */
  private readonly unknownTokens = new LRUCache<string, true>({ max: UNKNOWN_TOKENS_KEPT });
  /** Lookups of status tokens that reached the database since start (tests and benchmarks read it). */
  tokenLookups = 0;
  private readonly insertStmt;
  private readonly tokenIdStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly byTokenStmt;
  private readonly activeStmt;
  private readonly durationsStmt;
  private readonly inServiceStmt;
  private readonly atCounterStmt;
  private readonly waitingCountsStmt;
  private readonly aheadStmt;
  private readonly waitingInStmt;
  private readonly targetedStmt;
  private readonly waitingStmt;
  private readonly numberInUseStmt;
  private readonly numberIssuedStmt;
  private readonly lastIssuedAtStmt;
  private readonly appointmentsInStmt;
  private readonly heldStmt;
  private readonly remoteTodayStmt;
  private readonly issuedOnStmt;
  private readonly waitingHeadStmt;
  private readonly callsSinceStmt;
  private readonly gapsSinceStmt;
  private readonly byArrivalCodeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<Record<string, unknown>>(
      `INSERT INTO tickets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
    );
    this.updateStmt = db.prepare<Record<string, unknown>>(
      `UPDATE tickets SET ${COLUMNS.filter((c) => c !== 'status_token').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.byIdStmt = db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?');
    this.byTokenStmt = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE status_token = ?');
    this.tokenIdStmt = db.prepare<[string], { id: number }>('SELECT id FROM tickets WHERE status_token = ?');
    this.activeStmt = db.prepare<[], TicketRow>(
      `SELECT * FROM tickets WHERE state IN ('waiting', 'called', 'serving', 'parked') ORDER BY queued_at, id`,
    );
    this.inServiceStmt = db.prepare<[], TicketRow>(
      `SELECT * FROM tickets WHERE state IN ('called', 'serving', 'parked') ORDER BY called_at, id`,
    );
    this.atCounterStmt = db.prepare<[string], TicketRow>(
      `SELECT * FROM tickets WHERE counter_id = ? AND state IN ('called', 'serving', 'parked') ORDER BY id`,
    );
    this.waitingCountsStmt = db.prepare<[], { service_id: string; n: number; oldest: number }>(
      `SELECT service_id, count(*) AS n, min(queued_at) AS oldest FROM tickets WHERE state = 'waiting' GROUP BY service_id`,
    );
    this.aheadStmt = db.prepare<[string, number, number, number], { n: number }>(
      `SELECT count(*) AS n FROM tickets
        WHERE state = 'waiting' AND service_id = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))`,
    );
    this.waitingInStmt = db.prepare<[string, number], TicketRow>(
      `SELECT * FROM tickets WHERE state = 'waiting' AND target_counter_id IS NULL AND service_id = ? AND priority = ?
        AND appointment_at IS NULL ORDER BY queued_at, id`,
    );
    this.appointmentsInStmt = db.prepare<[string], TicketRow>(
      `SELECT * FROM tickets WHERE state = 'waiting' AND appointment_at IS NOT NULL AND target_counter_id IS NULL AND service_id = ?
        ORDER BY appointment_at, queued_at, id`,
    );
    this.byArrivalCodeStmt = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE arrival_code = ?');
    this.heldStmt = db.prepare<[], TicketRow>(`SELECT * FROM tickets WHERE state = 'waiting' AND held = 1 ORDER BY service_id, queued_at`);
    this.remoteTodayStmt = db.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM tickets WHERE remote = 1 AND local_date = ? AND service_id = ?`,
    );
    this.targetedStmt = db.prepare<[string], TicketRow>(
      `SELECT * FROM tickets WHERE state = 'waiting' AND target_counter_id = ? ORDER BY queued_at, id`,
    );
    this.waitingStmt = db.prepare<[], TicketRow>(`SELECT * FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id`);
    this.numberInUseStmt = db.prepare<[string, string], { n: number }>(
      `SELECT 1 AS n FROM tickets WHERE number = ? AND local_date = ? AND state IN ('waiting', 'called', 'serving', 'parked') LIMIT 1`,
    );
    this.numberIssuedStmt = db.prepare<[string, string], { n: number }>('SELECT 1 AS n FROM tickets WHERE local_date = ? AND number = ? LIMIT 1');
    this.lastIssuedAtStmt = db.prepare<[], { at: number }>('SELECT issued_at AS at FROM tickets WHERE id = (SELECT max(id) FROM tickets)');
    this.waitingHeadStmt = db.prepare<[string, number], TicketRow>(
      `SELECT * FROM tickets WHERE state = 'waiting' AND service_id = ? ORDER BY queued_at, id LIMIT ?`,
    );
    this.issuedOnStmt = db.prepare<[string], { service_id: string; issued_at: number; needs: string }>(
      'SELECT service_id, issued_at, needs FROM tickets WHERE local_date = ?',
    );
    this.callsSinceStmt = db.prepare<[string], { called_at: number; started_at: number | null; no_show_at: number | null }>(
      `SELECT called_at, started_at, no_show_at FROM tickets
        WHERE local_date >= ? AND called_at IS NOT NULL AND (started_at IS NOT NULL OR no_show_at IS NOT NULL)`,
    );
    // Each call's time since the same counter's previous visit finished, when the visitor called was already waiting
    // then (after a no-show the previous one has no finish and the gap is left out).
    this.gapsSinceStmt = db.prepare<[string], { gap: number }>(
      `SELECT called_at - prev_finished AS gap FROM (
         SELECT called_at, queued_at, LAG(finished_at) OVER (PARTITION BY counter_id ORDER BY called_at, id) AS prev_finished
         FROM tickets WHERE local_date >= ? AND called_at IS NOT NULL AND counter_id IS NOT NULL)
       WHERE prev_finished IS NOT NULL AND queued_at < prev_finished AND called_at >= prev_finished`,
    );
    this.durationsStmt = db.prepare<[string, number], { d: number }>(
      `SELECT finished_at - started_at AS d FROM tickets
        WHERE service_id = ? AND state = 'done' AND started_at IS NOT NULL
        ORDER BY finished_at DESC LIMIT ?`,
    );
  }

  insert(t: Omit<Ticket, 'id'>): Ticket {
    this.unknownTokens.delete(t.statusToken);
    const info = this.insertStmt.run(toParams(t));
    return { ...t, id: Number(info.lastInsertRowid) };
  }

  update(t: Ticket): void {
    this.updateStmt.run({ ...toParams(t), id: t.id });
  }

  byId(id: number): Ticket | undefined {
    const r = this.byIdStmt.get(id);
    return r && toTicket(r);
  }

  byToken(token: string): Ticket | undefined {
    if (token.length > MAX_STATUS_TOKEN_LENGTH || this.unknownTokens.get(token)) return undefined;
    this.tokenLookups += 1;
    const r = this.byTokenStmt.get(token);
    if (!r) this.unknownTokens.set(token, true);
    return r && toTicket(r);
  }

  /** Whether a ticket has this status token (an index-only lookup), and whether the database was asked to know. */
  knowToken(token: string): TokenKnowledge {
    if (token.length > MAX_STATUS_TOKEN_LENGTH) return 'unknown';
    if (this.unknownTokens.get(token)) return 'known-unknown';
    this.tokenLookups += 1;
    if (this.tokenIdStmt.get(token)) return 'ticket';
    this.unknownTokens.set(token, true);
    return 'unknown';
  }

  /** Waiting, called, serving and parked tickets, in arrival order. */
  active(): Ticket[] {
    return this.activeStmt.all().map(toTicket);
  }

  /** Tickets on call, being served or parked: the small set that counters and displays show. */
  inService(): Ticket[] {
    return this.inServiceStmt.all().map(toTicket);
  }

  atCounter(counterId: string): Ticket[] {
    return this.atCounterStmt.all(counterId).map(toTicket);
  }

  /** Waiting tickets per service, with the arrival time of the longest-waiting one. */
  waitingCounts(): Map<string, { waiting: number; oldestQueuedAt: number }> {
    return new Map(this.waitingCountsStmt.all().map((r) => [r.service_id, { waiting: r.n, oldestQueuedAt: r.oldest }]));
  }

  /** People ahead of `t` in its service's queue. */
  aheadOf(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>): number {
    return this.aheadStmt.get(t.serviceId, t.queuedAt, t.queuedAt, t.id)?.n ?? 0;
  }

  /** Waiting normal or priority tickets of a service in arrival order, read lazily (stop early to read little). */
  *waitingIn(serviceId: string, priority: boolean): Generator<Ticket> {
    for (const r of this.waitingInStmt.iterate(serviceId, priority ? 1 : 0)) yield toTicket(r);
  }

  /** Checked-in appointments of a service waiting, in slot order, read lazily. */
  *appointmentsIn(serviceId: string): Generator<Ticket> {
    for (const r of this.appointmentsInStmt.iterate(serviceId)) yield toTicket(r);
  }

  /** The remote ticket with this arrival code. */
  byArrivalCode(code: string): Ticket | undefined {
    const r = this.byArrivalCodeStmt.get(code);
    return r && toTicket(r);
  }

  /** Remote tickets not checked in yet. */
  held(): Ticket[] {
    return this.heldStmt.all().map(toTicket);
  }

  /** Remote tickets taken for a service on a local date (the daily cap). */
  remoteCount(localDate: string, serviceId: string): number {
    return this.remoteTodayStmt.get(localDate, serviceId)?.n ?? 0;
  }

  /** Waiting tickets sent to a named counter, in arrival order. */
  targetedAt(counterId: string): Ticket[] {
    return this.targetedStmt.all(counterId).map(toTicket);
  }

  /** Every waiting ticket in arrival order. */
  waiting(): Ticket[] {
    return this.waitingStmt.all().map(toTicket);
  }

  /**
   * True when a ticket of `localDate` with this number is waiting, on call, being served or parked. (A ticket left
   * from an earlier day is closed as expired by the day's sweep; it does not hold its number into the new day.)
   */
  /** Whether a ticket with `number` was issued on `localDate` (whatever its state now). */
  numberIssued(number: string, localDate: string): boolean {
    return this.numberIssuedStmt.get(localDate, number) !== undefined;
  }

  numberInUse(number: string, localDate: string): boolean {
    return this.numberInUseStmt.get(number, localDate) !== undefined;
  }

  /** When the newest ticket was issued (0 with none): a new arrival never comes before it. */
  lastIssuedAt(): number {
    return this.lastIssuedAtStmt.get()?.at ?? 0;
  }

  /** The first `limit` waiting tickets of a service in arrival order. */
  waitingHead(serviceId: string, limit: number): Ticket[] {
    return this.waitingHeadStmt.all(serviceId, limit).map(toTicket);
  }

  /** The service, issue time and needs of every ticket of one hall-local day (the arrival history). */
  issuedOn(localDate: string): { serviceId: string; at: number; needs: Need[] }[] {
    return this.issuedOnStmt.all(localDate).map((r) => ({ serviceId: r.service_id, at: r.issued_at, needs: needsOf(r.needs) }));
  }

  /** Calls of tickets from `fromDate` on that ended in a start or a no-show: when called, started, marked no-show. */
  callsSince(fromDate: string): { calledAt: number; startedAt: number | null; noShowAt: number | null }[] {
    return this.callsSinceStmt.all(fromDate).map((r) => ({ calledAt: r.called_at, startedAt: r.started_at, noShowAt: r.no_show_at }));
  }

  /**
   * Times (ms) from a visit's finish to the same counter's next call, on and after `fromDate`, where the visitor
   * called was already waiting at that finish: the counter's time between visits while someone waits.
   */
  gapsSince(fromDate: string): number[] {
    return this.gapsSinceStmt.all(fromDate).map((r) => r.gap);
  }

  /** Durations (start → finish, ms) of the service's most recent finished visits. */
  recentDurations(serviceId: string, limit: number): number[] {
    return this.durationsStmt.all(serviceId, limit).map((r) => r.d);
  }
}
