import type { LegRecord, VisitRecord } from '../../stats/visitFold.js';
import type { Queryable } from './centralDb.js';

const VISIT_COLUMNS: readonly [keyof VisitRecord, string][] = [
  ['ticket_id', 'bigint'], ['demo', 'smallint'], ['local_date', 'text'], ['weekday', 'smallint'], ['hour', 'smallint'],
  ['service_id', 'text'], ['first_service_id', 'text'], ['counter_id', 'text'], ['user_id', 'bigint'], ['state', 'text'],
  ['issued_at', 'float8'], ['first_called_at', 'float8'], ['target_ms', 'bigint'], ['wait_ms', 'float8'], ['walk_ms', 'float8'],
  ['transaction_ms', 'float8'], ['finished_at', 'float8'], ['outcome', 'text'], ['legs', 'int'], ['transfers', 'int'],
  ['recalls', 'int'], ['no_shows', 'int'], ['rating', 'smallint'], ['comment', 'text'], ['feedback_at', 'float8'],
];
const LEG_COLUMNS: readonly [keyof LegRecord, string][] = [
  ['ticket_id', 'bigint'], ['leg', 'int'], ['local_date', 'text'], ['service_id', 'text'], ['counter_id', 'text'], ['user_id', 'bigint'],
  ['queued_at', 'float8'], ['called_at', 'float8'], ['last_called_at', 'float8'], ['started_at', 'float8'], ['ended_at', 'float8'],
  ['end_kind', 'text'],
];

/** `INSERT … SELECT $1, unnest(arrays…) ON CONFLICT (key) DO UPDATE`: a whole batch of rows in one statement. */
function upsert(table: string, cols: readonly [string, string][], key: string[]): string {
  const names = cols.map(([c]) => c);
  const arrays = cols.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ');
  const update = names.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `INSERT INTO ${table} (hall_id, ${names.join(', ')}) SELECT $1, * FROM unnest(${arrays})
    ON CONFLICT (hall_id, ${key.join(', ')}) DO UPDATE SET ${update}`;
}

const PUT_VISITS = upsert('visits', VISIT_COLUMNS, ['ticket_id']);
const PUT_LEGS = upsert('visit_legs', LEG_COLUMNS, ['ticket_id', 'leg']);

/** The central visit projection: visits and legs per hall, and the (hall, date) pairs to roll up again. */
export class CentralVisitStore {
  constructor(private readonly db: Queryable) {}

  async visits(hallId: string, ticketIds: readonly number[]): Promise<VisitRecord[]> {
    if (ticketIds.length === 0) return [];
    const { rows } = await this.db.query<VisitRecord & { hall_id?: string }>(
      'SELECT * FROM visits WHERE hall_id = $1 AND ticket_id = ANY($2::bigint[])',
      [hallId, ticketIds],
    );
    return rows.map(({ hall_id: _h, ...v }) => v);
  }

  async legs(hallId: string, ticketIds: readonly number[]): Promise<LegRecord[]> {
    if (ticketIds.length === 0) return [];
    const { rows } = await this.db.query<LegRecord & { hall_id?: string }>(
      'SELECT * FROM visit_legs WHERE hall_id = $1 AND ticket_id = ANY($2::bigint[]) ORDER BY ticket_id, leg',
      [hallId, ticketIds],
    );
    return rows.map(({ hall_id: _h, ...l }) => l);
  }

  async put(hallId: string, visits: readonly VisitRecord[], legs: readonly LegRecord[]): Promise<void> {
    // One row per key in a statement (PostgreSQL refuses to update a row twice): the last one wins.
    legs = [...new Map(legs.map((l) => [`${l.ticket_id}|${l.leg}`, l])).values()];
    if (visits.length > 0) await this.db.query(PUT_VISITS, [hallId, ...VISIT_COLUMNS.map(([c]) => visits.map((v) => v[c]))]);
    if (legs.length > 0) await this.db.query(PUT_LEGS, [hallId, ...LEG_COLUMNS.map(([c]) => legs.map((l) => l[c]))]);
  }

  async markDirty(hallId: string, dates: readonly string[]): Promise<void> {
    if (dates.length === 0) return;
    await this.db.query(
      'INSERT INTO stats_dirty (hall_id, local_date) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
      [hallId, dates],
    );
  }
}
