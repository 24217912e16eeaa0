import type { HallProfile } from '../../protocol/index.js';
import type { Queryable } from './centralDb.js';

export interface HallRecord {
  id: string;
  name: string;
  credentialHash: string;
  credentialIssuedAt: number;
  createdAt: number;
  timeZone: string | null;
  lastContactAt: number | null;
  lastEventId: number;
  projectedEventId: number;
}

interface Row {
  id: string;
  name: string;
  credential_hash: string;
  credential_issued_at: number;
  created_at: number;
  time_zone: string | null;
  last_contact_at: number | null;
  last_event_id: number;
  projected_event_id: number;
}

const toRecord = (r: Row): HallRecord => ({
  id: r.id,
  name: r.name,
  credentialHash: r.credential_hash,
  credentialIssuedAt: r.credential_issued_at,
  createdAt: r.created_at,
  timeZone: r.time_zone,
  lastContactAt: r.last_contact_at,
  lastEventId: r.last_event_id,
  projectedEventId: r.projected_event_id,
});

export interface ServiceTarget {
  service_id: string;
  target_minutes: number;
}

/** The halls central knows, their credentials (hashed) and the profile each last reported. */
export class HallRegistry {
  constructor(private readonly db: Queryable) {}

  async all(): Promise<HallRecord[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM halls ORDER BY id');
    return rows.map(toRecord);
  }

  async byId(id: string): Promise<HallRecord | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM halls WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The hall row, locked until the transaction ends: one batch of a hall at a time. */
  async lock(id: string): Promise<HallRecord | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM halls WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Inserts a hall; false when the id is taken. */
  async insert(id: string, name: string, credentialHash: string, now: number): Promise<boolean> {
    const r = await this.db.query(
      `INSERT INTO halls (id, name, credential_hash, credential_issued_at, created_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (id) DO NOTHING`,
      [id, name, credentialHash, now],
    );
    return r.rowCount === 1;
  }

  async setCredential(id: string, credentialHash: string, now: number): Promise<boolean> {
    const r = await this.db.query('UPDATE halls SET credential_hash = $2, credential_issued_at = $3 WHERE id = $1', [id, credentialHash, now]);
    return r.rowCount === 1;
  }

  async shipped(id: string, lastEventId: number, now: number): Promise<void> {
    await this.db.query('UPDATE halls SET last_event_id = greatest(last_event_id, $2), last_contact_at = $3 WHERE id = $1', [id, lastEventId, now]);
  }

  async setProjected(id: string, eventId: number): Promise<void> {
    await this.db.query('UPDATE halls SET projected_event_id = $2 WHERE id = $1', [id, eventId]);
  }

  /** Stores the hall's profile: time zone, organisations and services with their targets. */
  async setProfile(id: string, p: HallProfile): Promise<void> {
    await this.db.query('UPDATE halls SET time_zone = $2, profile = $3 WHERE id = $1', [id, p.timeZone, JSON.stringify(p)]);
    await this.db.query('DELETE FROM hall_services WHERE hall_id = $1 AND NOT (service_id = ANY($2::text[]))', [id, p.services.map((s) => s.id)]);
    if (p.services.length > 0) {
      await this.db.query(
        `INSERT INTO hall_services (hall_id, service_id, organisation_id, target_minutes, name)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::jsonb[])
         ON CONFLICT (hall_id, service_id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id,
           target_minutes = EXCLUDED.target_minutes, name = EXCLUDED.name`,
        [id, p.services.map((s) => s.id), p.services.map((s) => s.organisationId), p.services.map((s) => s.targetMinutes), p.services.map((s) => JSON.stringify(s.name))],
      );
    }
    if (p.organisations.length > 0) {
      await this.db.query(
        `INSERT INTO organisations (id, name) SELECT * FROM unnest($1::text[], $2::jsonb[])
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
        [p.organisations.map((o) => o.id), p.organisations.map((o) => JSON.stringify(o.name))],
      );
    }
  }

  async targets(id: string): Promise<ServiceTarget[]> {
    const { rows } = await this.db.query<ServiceTarget>('SELECT service_id, target_minutes FROM hall_services WHERE hall_id = $1', [id]);
    return rows;
  }

  async allServices(): Promise<{ hall_id: string; service_id: string; organisation_id: string | null }[]> {
    const { rows } = await this.db.query<{ hall_id: string; service_id: string; organisation_id: string | null }>(
      'SELECT hall_id, service_id, organisation_id FROM hall_services ORDER BY hall_id, service_id',
    );
    return rows;
  }

  async organisationIds(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM organisations ORDER BY id');
    return rows.map((r) => r.id);
  }

  /** Each hall's counters and the services they serve, as its profile last said (null: not reported). */
  async counterProfiles(): Promise<Map<string, { id: string; serviceIds: string[] }[] | null>> {
    const { rows } = await this.db.query<{ id: string; counters: { id: string; serviceIds: string[] }[] | null }>(
      "SELECT id, profile -> 'counters' AS counters FROM halls ORDER BY id",
    );
    return new Map(rows.map((r) => [r.id, r.counters]));
  }

  /** When the newest event central holds for each hall happened at the hall. */
  async lastEventTimes(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ id: string; at: number }>(
      'SELECT h.id, e.at FROM halls h JOIN events e ON e.hall_id = h.id AND e.event_id = h.last_event_id',
    );
    return new Map(rows.map((r) => [r.id, r.at]));
  }
}
