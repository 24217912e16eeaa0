import type { CatalogueEntry, CatalogueEntryInput, CatalogueSubscription, LocalizedText } from '../../protocol/index.js';
import type { Queryable } from './centralDb.js';

interface Row {
  id: string;
  name: LocalizedText;
  prepare: LocalizedText | null;
  target_minutes: number;
  organisation_id: string | null;
  version: number;
  updated_at: number;
}

const toEntry = (r: Row): CatalogueEntry => ({
  id: r.id,
  name: r.name,
  ...(r.prepare ? { prepare: r.prepare } : {}),
  targetMinutes: r.target_minutes,
  organisationId: r.organisation_id,
  version: r.version,
  updatedAt: r.updated_at,
});

/** The central service catalogue. */
export class CatalogueStore {
  constructor(private readonly db: Queryable) {}

  async all(): Promise<CatalogueEntry[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM catalogue_entries ORDER BY id');
    return rows.map(toEntry);
  }

  /** Creates the entry at version 1 or replaces it with the next version. */
  async put(id: string, e: CatalogueEntryInput, now: number): Promise<CatalogueEntry> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO catalogue_entries (id, name, prepare, target_minutes, organisation_id, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, prepare = EXCLUDED.prepare, target_minutes = EXCLUDED.target_minutes,
         organisation_id = EXCLUDED.organisation_id, version = catalogue_entries.version + 1, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [id, JSON.stringify(e.name), e.prepare ? JSON.stringify(e.prepare) : null, e.targetMinutes, e.organisationId, now],
    );
    const row = rows[0];
    if (!row) throw new Error('upsert returned no row');
    return toEntry(row);
  }

  /** The subscribed entries newer than the version the hall holds. */
  async newer(subs: readonly CatalogueSubscription[]): Promise<CatalogueEntry[]> {
    if (subs.length === 0) return [];
    const { rows } = await this.db.query<Row>(
      `SELECT c.* FROM catalogue_entries c JOIN unnest($1::text[], $2::int[]) AS s(id, version) ON s.id = c.id
        WHERE c.version > s.version ORDER BY c.id`,
      [subs.map((s) => s.id), subs.map((s) => s.version)],
    );
    return rows.map(toEntry);
  }
}
