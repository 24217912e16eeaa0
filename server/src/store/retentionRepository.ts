import type { Db } from './database.js';

/** The kinds of personal data a visit leaves behind, each with its own retention period. */
export type PersonalData = 'needs' | 'notes' | 'comments' | 'statusTokens';
export const PERSONAL_DATA: readonly PersonalData[] = ['needs', 'notes', 'comments', 'statusTokens'];

/** What is held about one visit, for an erasure request (no values of the sensitive fields, only whether they exist). */
export interface HeldData {
  ticketId: number;
  number: string;
  localDate: string;
  state: string;
  needs: number;
  note: boolean;
  comment: boolean;
  statusLink: boolean;
}

const ACTIVE = `('waiting', 'called', 'serving', 'parked')`;

function runAll(stmts: { run(ids: string): { changes: number } }[]): (ids: string) => number {
  return (ids) => stmts.reduce((n, s) => n + s.run(ids).changes, 0);
}

/**
 * Removes personal data from visits: the ticket row, the fields of its events that carry it, and the statistics
 * projection's copy of comments. Counts, times, outcomes and ratings stay, so the figures do not change.
 * The event log is otherwise never rewritten; this is the one exception the law asks for.
 */
export class RetentionRepository {
  private readonly batchStmt;
  private readonly clear: Record<PersonalData, (ids: string) => number>;
  private readonly heldStmt;

  constructor(db: Db) {
    this.batchStmt = db.prepare<{ from: string; through: string; after: number; limit: number }, { id: number }>(
      `SELECT id FROM tickets WHERE local_date > @from AND local_date <= @through AND id > @after AND state NOT IN ${ACTIVE}
       ORDER BY id LIMIT @limit`,
    );
    const ids = `IN (SELECT value FROM json_each(?))`;
    const statements: Record<PersonalData, string[]> = {
      needs: [
        `UPDATE tickets SET needs = '[]' WHERE id ${ids} AND needs <> '[]'`,
        `UPDATE events SET data = json_remove(data, '$.needs')
         WHERE ticket_id ${ids} AND type = 'ticket_issued' AND json_extract(data, '$.needs') IS NOT NULL`,
      ],
      notes: [
        `UPDATE tickets SET note = NULL WHERE id ${ids} AND note IS NOT NULL`,
        `UPDATE events SET data = json_set(data, '$.note', NULL)
         WHERE ticket_id ${ids} AND type IN ('ticket_noted', 'ticket_transferred') AND json_extract(data, '$.note') IS NOT NULL`,
      ],
      comments: [
        `UPDATE events SET data = json_remove(data, '$.comment')
         WHERE ticket_id ${ids} AND type = 'feedback_given' AND json_extract(data, '$.comment') IS NOT NULL`,
        `UPDATE visits SET comment = NULL WHERE ticket_id ${ids} AND comment IS NOT NULL`,
      ],
      statusTokens: [
        `UPDATE tickets SET status_token = 'erased-' || lower(hex(randomblob(16))) WHERE id ${ids} AND status_token NOT LIKE 'erased-%'`,
      ],
    };
    const prepared = (kind: PersonalData) => statements[kind].map((sql) => db.prepare<[string]>(sql));
    this.clear = {
      needs: runAll(prepared('needs')),
      notes: runAll(prepared('notes')),
      comments: runAll(prepared('comments')),
      statusTokens: runAll(prepared('statusTokens')),
    };
    this.heldStmt = db.prepare<{ date: string; number: string }, { id: number; number: string; local_date: string; state: string; needs: string; note: string | null; status_token: string; comments: number }>(
      `SELECT t.id, t.number, t.local_date, t.state, t.needs, t.note, t.status_token,
         (SELECT COUNT(*) FROM events e WHERE e.ticket_id = t.id AND e.type = 'feedback_given' AND json_extract(e.data, '$.comment') IS NOT NULL) AS comments
       FROM tickets t WHERE t.local_date = @date AND t.number = @number ORDER BY t.id`,
    );
  }

  /** Up to `limit` finished tickets of days in (from, through], after ticket id `after`. */
  batch(from: string, through: string, after: number, limit: number): number[] {
    return this.batchStmt.all({ from, through, after, limit }).map((r) => r.id);
  }

  /** Clears one kind of personal data from these tickets (call inside a transaction); returns the rows changed. */
  clearFrom(kind: PersonalData, ticketIds: readonly number[]): number {
    return ticketIds.length === 0 ? 0 : this.clear[kind](JSON.stringify(ticketIds));
  }

  /** The visits with this number on this hall-local day (one, unless numbers were reset that day). */
  held(localDate: string, number: string): HeldData[] {
    return this.heldStmt.all({ date: localDate, number }).map((r) => ({
      ticketId: r.id,
      number: r.number,
      localDate: r.local_date,
      state: r.state,
      needs: (JSON.parse(r.needs) as unknown[]).length,
      note: r.note !== null,
      comment: r.comments > 0,
      statusLink: !r.status_token.startsWith('erased-'),
    }));
  }
}
