import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, openDatabase } from './database.js';
import { Store } from './index.js';

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
});
