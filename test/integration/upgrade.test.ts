import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HALL_FILE } from '../../server/src/config.js';
import { loadMigrations, openDatabase } from '../../server/src/store/database.js';
import { hashPassword } from '../../server/src/services/passwords.js';
import type { IssueTicketResponse, TicketView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

/** The tables of the first release (migrations 001–003), each with the columns it had then. */
type Dump = Record<string, unknown[]>;

const NOW = Date.parse('2026-03-04T09:00:00Z'); // 11:00 in Helsinki
const TODAY = '2026-03-04';
const YESTERDAY = '2026-03-03';

/** A database as the first release left it: its migrations only, and a hall in use (tickets, events, settings). */
async function firstReleaseDatabase(file: string): Promise<void> {
  const db = openDatabase(file, loadMigrations().filter((m) => m.version <= 3));
  const demo = readFileSync(DEMO_HALL_FILE, 'utf8');
  const hall = JSON.parse(demo) as { hall: { name: Record<string, string> } };
  hall.hall.name = { ...hall.hall.name, en: 'Riverside, set up in the first release' };
  const hash = createHash('sha256').update(demo).digest('hex');
  const passwordHash = await hashPassword('first-release-password');
  db.transaction(() => {
    db.prepare('INSERT INTO hall_config (id, json, source_hash, updated_at) VALUES (1, ?, ?, ?)').run(JSON.stringify(hall), hash, NOW - 30 * 86_400_000);
    db.prepare("INSERT INTO hall_state (key, value) VALUES ('announcement', 'Counter 3 closes at 12:00')").run();
    db.prepare("INSERT INTO users (id, username, display_name, password_hash, role, organisation_id, created_at) VALUES (1, 'admin', 'Admin', ?, 'admin', NULL, ?), (2, 'old-timer', 'Olli', ?, 'staff', 'city', ?)").run(passwordHash, NOW - 90 * 86_400_000, passwordHash, NOW - 60 * 86_400_000);
    db.prepare("INSERT INTO counters (id, open, user_id, opened_at, services, normals_since_priority) VALUES ('1', 1, 2, ?, NULL, 0)").run(NOW - 3600_000);
    db.prepare("INSERT INTO numbering (service_id, local_date, last_seq, issued) VALUES ('identity', ?, 7, 7), ('identity', ?, 41, 41)").run(TODAY, YESTERDAY);
    const ticket = db.prepare(
      `INSERT INTO tickets (id, number, service_id, original_service_id, local_date, state, language, needs, issued_at, queued_at, called_at, started_at, finished_at, counter_id, outcome, note, kiosk_id, status_token)
       VALUES (@id, @number, 'identity', 'identity', @date, @state, 'fi', @needs, @at, @at, @called, @started, @finished, @counter, @outcome, @note, 'entrance', @token)`,
    );
    const event = db.prepare('INSERT INTO events (type, at, ticket_id, counter_id, user_id, service_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const y = NOW - 86_400_000;
    ticket.run({ id: 1, number: 'A041', date: YESTERDAY, state: 'done', needs: '["hearing-loop"]', at: y, called: y + 60_000, started: y + 90_000, finished: y + 600_000, counter: '1', outcome: null, note: 'renewal', token: 'tok-yesterday-0000000001' });
    event.run('ticket_issued', y, 1, null, null, 'identity', JSON.stringify({ number: 'A041', language: 'fi', needs: ['hearing-loop'], kioskId: 'entrance' }));
    event.run('ticket_called', y + 60_000, 1, '1', 2, 'identity', JSON.stringify({ reason: 'next', waitedMs: 60_000 }));
    event.run('ticket_started', y + 90_000, 1, '1', 2, 'identity', null);
    event.run('ticket_finished', y + 600_000, 1, '1', 2, 'identity', JSON.stringify({ outcome: null, transactionMs: 510_000 }));
    for (let i = 1; i <= 7; i++) {
      const at = NOW - (8 - i) * 300_000;
      const id = 1 + i;
      const number = `A00${i}`;
      const state = i <= 5 ? 'done' : 'waiting';
      ticket.run({ id, number, date: TODAY, state, needs: '[]', at, called: i <= 5 ? at + 60_000 : null, started: i <= 5 ? at + 60_000 : null, finished: i <= 5 ? at + 120_000 : null, counter: i <= 5 ? '1' : null, outcome: null, note: null, token: `tok-today-${String(i).padStart(14, '0')}` });
      event.run('ticket_issued', at, id, null, null, 'identity', JSON.stringify({ number, language: 'fi', needs: [], kioskId: 'entrance' }));
      if (i <= 5) event.run('ticket_finished', at + 120_000, id, '1', 2, 'identity', JSON.stringify({ outcome: null, transactionMs: 60_000 }));
    }
  })();
  db.close();
}

function dump(file: string, tables: Record<string, string[]>): Dump {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(Object.entries(tables).map(([t, cols]) => [t, db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${t} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).all()]));
  } finally {
    db.close();
  }
}

/** Every table of the first release and its columns then (later migrations may add columns; these must not change). */
function firstReleaseTables(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();
    return Object.fromEntries(names.map((n) => [n, (db.prepare(`PRAGMA table_info(${n})`).all() as { name: string }[]).map((c) => c.name)]));
  } finally {
    db.close();
  }
}

describe('upgrading a database from the first release', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-upgrade-'));
  const file = path.join(dir, 'vuoro.db');
  let tables: Record<string, string[]>;
  let before: Dump;
  let server: TestServer;

  beforeAll(async () => {
    await firstReleaseDatabase(file);
    tables = firstReleaseTables(file);
    before = dump(file, tables);
    server = await startServer({ dataDir: dir, now: () => NOW });
  });
  afterAll(() => server.dispose());

  it('keeps every ticket, event and setting of the old schema as it was', () => {
    expect(Object.keys(tables)).toEqual(expect.arrayContaining(['tickets', 'events', 'hall_config', 'hall_state', 'users', 'counters', 'numbering', 'visits']));
    expect(before.tickets).toHaveLength(8);
    expect(before.events).toHaveLength(16);
    const after = dump(file, tables);
    for (const t of Object.keys(tables)) {
      // Statistics projections are rebuilt from the events and the migration ledger grows; the event log and the hall's
      // state keep every old row as it was (the new version may add its own, e.g. a consumer's mark); the rest is unchanged.
      if (['schema_migrations', 'visits', 'visit_legs', 'stats_daily', 'stats_hourly', 'stats_legs_daily', 'stats_dirty', 'stats_progress', 'counter_periods'].includes(t)) continue;
      if (t === 'events') expect(after.events!.slice(0, before.events!.length), t).toEqual(before.events);
      else if (t === 'hall_state') expect(after[t], t).toEqual(expect.arrayContaining(before[t]!));
      else expect(after[t], t).toEqual(before[t]);
    }
    const version = new Database(file, { readonly: true });
    expect(version.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)!.version);
    version.close();
  });

  it('took a verified backup of the old database before migrating', () => {
    const backups = readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('-upgrade.db'));
    expect(backups).toHaveLength(1);
    const copy = path.join(dir, 'backups', backups[0]!);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
    expect(dump(copy, tables)).toEqual(before);
  });

  it('the upgraded hall works: old accounts sign in, the queue and numbering go on, the settings are in force', async () => {
    const token = await server.login('old-timer', 'first-release-password');
    const tickets = await server.api<TicketView[]>('GET', '/api/v1/tickets', { token });
    expect(tickets.body.filter((t) => t.state === 'waiting').map((t) => t.number)).toEqual(['A006', 'A007']);
    const next = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    expect(next.body.ticket.number).toBe('A008');
    const hall = await server.api<{ hall: { name: Record<string, string> }; announcement: string }>('GET', '/api/v1/hall');
    expect(hall.body.hall.name.en).toBe('Riverside, set up in the first release');
    expect(hall.body.announcement).toBe('Counter 3 closes at 12:00');
    const called = await server.api<TicketView>('POST', '/api/v1/counters/1/next', { token, body: {} });
    expect(called.status).toBe(200);
    expect(called.body.number).toBe('A006');
  });
});

describe('a migration that fails', () => {
  it('leaves the old database untouched, also the migrations before it in the same start, and says which and why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-upgrade-'));
    try {
      const file = path.join(dir, 'vuoro.db');
      await firstReleaseDatabase(file);
      const tables = firstReleaseTables(file);
      const before = dump(file, tables);
      const copy = path.join(dir, 'before.db');
      copyFileSync(file, copy);
      const broken = [...loadMigrations(), { version: 990, name: '990_broken.sql', sql: 'ALTER TABLE tickets ADD COLUMN x TEXT; SELECT * FROM no_such_table;' }];
      expect(() => openDatabase(file, broken)).toThrow(/^Migration 990_broken\.sql failed: no such table: no_such_table\. The database is unchanged \(schema 3\)\.$/);
      expect(dump(file, tables)).toEqual(before);
      expect(firstReleaseTables(file)).toEqual(tables);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a start that cannot take its backup first migrates nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-upgrade-'));
    try {
      const file = path.join(dir, 'vuoro.db');
      await firstReleaseDatabase(file);
      const before = dump(file, firstReleaseTables(file));
      const notAFolder = path.join(dir, 'not-a-folder');
      writeFileSync(notAFolder, 'a file where the backup folder should be');
      await expect(startServer({ dataDir: dir, env: { VUORO_BACKUP_DIR: path.join(notAFolder, 'backups') } })).rejects.toThrow(/Could not back up the database before upgrading it .*Nothing was changed/);
      expect(dump(file, firstReleaseTables(file))).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
