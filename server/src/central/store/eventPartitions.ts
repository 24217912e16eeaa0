import { inTransaction, type CentralDb } from './centralDb.js';

/** Serialises partition DDL across central processes. */
const PARTITION_LOCK = 7_150_817;
const NAME = /^events_(\d{4})_(\d{2})$/;

export interface MonthPartition {
  name: string;
  /** Epoch ms: the first instant of the UTC month, and of the next one. */
  from: number;
  to: number;
}

/** The UTC month an instant falls in, as its partition of `events`. */
export function monthOf(at: number): MonthPartition {
  const d = new Date(at);
  return month(d.getUTCFullYear(), d.getUTCMonth());
}

function month(year: number, monthIndex: number): MonthPartition {
  const from = Date.UTC(year, monthIndex, 1);
  const to = Date.UTC(year, monthIndex + 1, 1);
  const d = new Date(from);
  return { name: `events_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`, from, to };
}

function parse(name: string): MonthPartition | null {
  const m = NAME.exec(name);
  return m ? month(Number(m[1]), Number(m[2]) - 1) : null;
}

/**
 * The monthly partitions of the raw events: created before a batch reaches a month that has none, the current and
 * next month kept ready, and months older than the retention dropped whole once every event in them is folded.
 */
export class EventPartitions {
  private known: Set<string> | null = null;

  constructor(private readonly db: CentralDb) {}

  /** Makes sure every month of these instants has its partition. */
  async ensure(instants: Iterable<number>): Promise<void> {
    const wanted = new Map<string, MonthPartition>();
    for (const at of instants) {
      const p = monthOf(at);
      wanted.set(p.name, p);
    }
    if (this.known && [...wanted.keys()].every((n) => this.known?.has(n))) return;
    await inTransaction(this.db, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      const existing = new Set((await this.list(c)).map((p) => p.name));
      for (const p of wanted.values()) {
        if (existing.has(p.name)) continue;
        await c.query(`CREATE TABLE ${p.name} PARTITION OF events FOR VALUES FROM (${p.from}) TO (${p.to})`);
        existing.add(p.name);
      }
      this.known = existing;
    });
  }

  /** Forgets what it knew (another process may have dropped a month). */
  forget(): void {
    this.known = null;
  }

  async all(): Promise<MonthPartition[]> {
    return this.list(this.db);
  }

  /**
   * Drops the months that ended more than `months` whole months before the month of `now`, if every hall has folded
   * every event in them (else they wait for the next run). Returns the dropped partitions' names.
   */
  async retain(months: number, now: number): Promise<string[]> {
    if (months <= 0) return [];
    const current = monthOf(now);
    const start = new Date(current.from);
    const cutoff = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1);
    const dropped: string[] = [];
    for (const p of await this.all()) {
      if (p.to > cutoff) continue;
      const done = await inTransaction(this.db, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
        const { rows } = await c.query(
          `SELECT 1 FROM ${p.name} e JOIN halls h ON h.id = e.hall_id WHERE e.event_id > h.projected_event_id LIMIT 1`,
        );
        if (rows.length > 0) return false;
        await c.query(`DROP TABLE ${p.name}`);
        return true;
      });
      if (done) dropped.push(p.name);
    }
    if (dropped.length > 0) this.forget();
    return dropped;
  }

  private async list(c: Pick<CentralDb, 'query'>): Promise<MonthPartition[]> {
    const { rows } = await c.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass ORDER BY 1",
    );
    return rows.map((r) => parse(r.name)).filter((p): p is MonthPartition => p !== null);
  }
}
