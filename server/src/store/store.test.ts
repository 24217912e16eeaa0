import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { loadMigrations, openDatabase, type Db } from './database.js';
import { Store } from './index.js';
import { transitions } from '../domain/index.js';
import { UNKNOWN_TOKENS_KEPT } from './ticketRepository.js';

/** The query plan of a statement, its parameters bound to NULL (named or positional, however many it takes). */
function explain(db: Db, sql: string): string[] {
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = Object.fromEntries([...sql.matchAll(/[@$:]([A-Za-z_]\w*)|\?(\d+)/g)].map((m) => [m[1] ?? m[2] ?? '', null]));
  const hasNamed = Object.keys(named).length > 0;
  for (let n = 0; n <= 20; n += 1) {
    const args: unknown[] = Array.from({ length: n }, () => null);
    if (hasNamed) args.push(named);
    try {
      return (stmt.all(...args) as { detail: string }[]).map((r) => r.detail);
    } catch (err) {
      if (!(err instanceof RangeError)) throw new Error(`${String(err)} in ${sql}`);
    }
  }
  throw new Error(`cannot bind the parameters of ${sql}`);
}

describe('the store on a real SQLite file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vuoro-store-'));
    file = path.join(dir, 'vuoro.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every migration once and records the schema version', () => {
    const latest = loadMigrations().at(-1)?.version ?? 0;
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(latest);
    again.close();
  });

  it('refuses a database written by a newer version', () => {
    const db = openDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Vuoro/);
  });

  it('a failing migration leaves the database as it was', () => {
    const ok = loadMigrations();
    const broken = [...ok, { version: 900, name: '900_broken.sql', sql: 'CREATE TABLE x (a); SELECT * FROM no_such_table;' }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(ok.at(-1)?.version);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('a migration numbered below one already applied still runs, once (branches that land out of order)', () => {
    const all = loadMigrations();
    const late = { version: 5, name: '005_late.sql', sql: 'CREATE TABLE late_table (a INTEGER);' };
    openDatabase(file, all).close();
    const withLate = [...all.slice(0, 4), late, ...all.slice(4)];
    const db = openDatabase(file, withLate);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'late_table'").get()).toEqual({ n: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(all.at(-1)?.version);
    db.close();
    const again = openDatabase(file, withLate);
    expect(again.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: withLate.length });
    again.close();
  });

  it('a database from before the migration ledger counts every migration up to its version as applied', () => {
    const all = loadMigrations();
    const db = openDatabase(file, all);
    db.exec('DROP TABLE schema_migrations');
    db.close();
    // Re-running 001 on an existing database would fail (its tables exist): the start must not try.
    const again = openDatabase(file, all);
    expect(again.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(all.map((m) => m.name));
    again.close();
  });

  it('refuses a database that has a migration this version does not know', () => {
    const all = loadMigrations();
    openDatabase(file, [...all, { version: 950, name: '950_future.sql', sql: 'CREATE TABLE future (a);' }]).close();
    const db = new Database(file);
    db.pragma(`user_version = ${all.at(-1)?.version}`);
    db.close();
    expect(() => openDatabase(file, all)).toThrow(/newer Vuoro/);
  });

  it('the queries on the hot path use their indexes', () => {
    const store = Store.open(file);
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM tickets WHERE state IN ('waiting', 'called', 'serving', 'parked') ORDER BY queued_at, id")).toMatch(/tickets_active/);
    expect(plan("SELECT finished_at - started_at FROM tickets WHERE service_id = 'a' AND state = 'done' ORDER BY finished_at DESC LIMIT 20")).toMatch(/tickets_done/);
    expect(plan('SELECT * FROM events WHERE ticket_id = 1')).toMatch(/events_ticket/);
    expect(
      plan("SELECT * FROM tickets WHERE state = 'waiting' AND target_counter_id IS NULL AND service_id = 'a' AND priority = 0 ORDER BY queued_at, id"),
    ).toMatch(/tickets_waiting/);
    expect(plan("SELECT * FROM tickets WHERE counter_id = '1' AND state IN ('called', 'serving', 'parked')")).toMatch(/tickets_at_counter/);
    store.close();
  });

  it('no query of the issue, call and snapshot path scans a table that grows with the hall\'s history', () => {
    const db = openDatabase(file);
    const prepare = vi.spyOn(db, 'prepare');
    const store = new Store(db);
    const sources = prepare.mock.calls.map((c) => String(c[0]));
    prepare.mockRestore();
    expect(sources.length).toBeGreaterThan(20);
    // Tables that grow with every ticket, event, idempotency key, sign-in and day; a full scan of any is a cost that
    // grows too. (The audit log's admin listing reads newest first by id, one page at a time: not on these paths.)
    const growing = ['tickets', 'events', 'idempotency', 'numbering', 'sessions', 'visits', 'visit_legs'];
    const scans: string[] = [];
    for (const sql of sources) {
      if (!/^\s*(SELECT|UPDATE|DELETE|WITH)/i.test(sql)) continue;
      const detail = explain(db, sql);
      // SQLite names an aliased table by its alias ("SCAN e" for "FROM events e").
      const aliases = new Map([...sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)/gi)].map((a) => [a[2] ?? '', a[1] ?? '']));
      for (const d of detail) {
        const m = /^SCAN (\w+)(.*)$/.exec(d);
        const table = aliases.get(m?.[1] ?? '') ?? m?.[1] ?? '';
        if (m && growing.includes(table) && !/USING (COVERING )?INDEX/.test(m[2] ?? '')) scans.push(`${d} ← ${sql.replace(/\s+/g, ' ')}`);
      }
    }
    expect(scans).toEqual([]);
    store.close();
  });

  it('waiting-ticket queries, number checks and the idempotency purge use their partial indexes', () => {
    const store = Store.open(file);
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT service_id, count(*), min(queued_at) FROM tickets WHERE state = 'waiting' GROUP BY service_id")).toMatch(/tickets_waiting_queue/);
    expect(plan("SELECT count(*) FROM tickets WHERE state = 'waiting' AND service_id = 'a' AND (queued_at < 1 OR (queued_at = 1 AND id < 2))")).toMatch(/tickets_waiting_queue/);
    expect(plan("SELECT * FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id")).toMatch(/tickets_waiting_queue/);
    expect(plan("SELECT count(*) FROM tickets WHERE state = 'waiting'")).toMatch(/tickets_waiting_queue/);
    expect(plan("SELECT 1 FROM tickets WHERE number = 'A001' AND local_date = '2026-01-01' AND state IN ('waiting', 'called', 'serving', 'parked') LIMIT 1")).toMatch(/SEARCH tickets USING (COVERING )?INDEX/);
    expect(plan('DELETE FROM idempotency WHERE created_at < 5')).toMatch(/idempotency_created/);
    store.close();
  });

  it('an unknown status token costs one lookup however often it is asked, until a ticket takes it; the list of them is bounded', () => {
    const store = Store.open(file);
    const lookups = () => store.tickets.tokenLookups;
    expect(store.tickets.knowToken('tok-1')).toBe('unknown');
    for (let i = 0; i < 50; i += 1) expect(store.tickets.byToken('tok-1')).toBeUndefined();
    expect(store.tickets.knowToken('tok-1')).toBe('known-unknown');
    expect(lookups()).toBe(1);
    // A token no ticket can hold is not looked up at all.
    expect(store.tickets.knowToken('t'.repeat(65))).toBe('unknown');
    expect(lookups()).toBe(1);
    const t = store.tickets.insert(
      transitions.issue({ number: 'A001', serviceId: 'identity', localDate: '2026-12-01', language: 'en', needs: [], kioskId: null, statusToken: 'tok-1' }, 1),
    );
    expect(store.tickets.byToken('tok-1')?.id).toBe(t.id);
    expect(store.tickets.knowToken('tok-1')).toBe('ticket');
    // Past the bound the least recently asked is forgotten (asked again, it is looked up again).
    for (let i = 0; i < UNKNOWN_TOKENS_KEPT + 1; i += 1) store.tickets.knowToken(`flood-${i}`);
    const before = lookups();
    expect(store.tickets.knowToken(`flood-${UNKNOWN_TOKENS_KEPT}`)).toBe('known-unknown');
    expect(store.tickets.knowToken('flood-0')).toBe('unknown');
    expect(lookups()).toBe(before + 1);
    store.close();
  });

  it('a transaction that throws writes nothing', () => {
    const store = Store.open(file);
    expect(() =>
      store.transaction(() => {
        store.events.append({ type: 'counter_opened', at: 1, counterId: '1', data: { services: [] } });
        throw new Error('decided against it');
      }),
    ).toThrow('decided against it');
    expect(store.events.since(0)).toEqual([]);
    store.close();
  });

  it('writes asked for in one turn share one commit; one that fails takes back only its own rows and events', async () => {
    const store = Store.open(file);
    const published: string[][] = [];
    store.onCommit((events) => published.push(events.map((e) => e.counterId ?? '')));
    const open = (counterId: string) => () => store.events.append({ type: 'counter_opened', at: 1, counterId, data: { services: [] } });
    const commits = () => (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const first = store.batched(open('1'));
    const failing = store.batched(() => {
      open('2')();
      throw new Error('decided against it');
    });
    const third = store.batched(open('3'));
    // Nothing is written in the turn that asked.
    expect(commits()).toBe(0);
    await expect(first).resolves.toMatchObject({ counterId: '1' });
    await expect(failing).rejects.toThrow('decided against it');
    await expect(third).resolves.toMatchObject({ counterId: '3' });
    expect(store.events.since(0).map((e) => e.counterId)).toEqual(['1', '3']);
    // One commit: the listener heard the batch's events once, in the order asked.
    expect(published).toEqual([['1', '3']]);
    // A later turn is a batch of its own.
    await store.batched(open('4'));
    expect(published).toEqual([['1', '3'], ['4']]);
    store.close();
  });

  it('a batch whose database file is gone fails every write in it and writes nothing', async () => {
    const store = Store.open(file);
    const writes = [1, 2].map((n) => store.batched(() => store.events.append({ type: 'counter_opened', at: n, counterId: String(n), data: { services: [] } })));
    rmSync(file);
    for (const w of writes) await expect(w).rejects.toMatchObject({ code: 'storage_unavailable' });
    store.close();
  });
});
