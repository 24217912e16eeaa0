// The bare same-stack server the hall benchmark compares against: express + better-sqlite3 + socket.io from the
// project's own node_modules, the same writes as Vuoro (one transaction per action: the ticket row and its event
// row), a room broadcast per call, nothing else. Started as a child process; prints "PORT <n>".
import Database from 'better-sqlite3';
import express from 'express';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';

const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-bare-'));
const db = new Database(path.join(dir, 'bare.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.exec(`
  CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL, service_id TEXT NOT NULL, state TEXT NOT NULL,
    queued_at INTEGER NOT NULL, called_at INTEGER, started_at INTEGER, finished_at INTEGER, counter_id TEXT, status_token TEXT NOT NULL);
  CREATE INDEX tickets_waiting ON tickets (state, queued_at, id);
  CREATE INDEX tickets_counter ON tickets (counter_id, state);
  CREATE TABLE events (id INTEGER PRIMARY KEY, type TEXT NOT NULL, at INTEGER NOT NULL, ticket_id INTEGER REFERENCES tickets (id),
    counter_id TEXT, data TEXT);
`);
const insertTicket = db.prepare(`INSERT INTO tickets (number, service_id, state, queued_at, status_token) VALUES (?, ?, 'waiting', ?, ?)`);
const insertEvent = db.prepare('INSERT INTO events (type, at, ticket_id, counter_id, data) VALUES (?, ?, ?, ?, ?)');
const oldest = db.prepare(`SELECT * FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id LIMIT 1`);
const atCounter = db.prepare(`SELECT * FROM tickets WHERE counter_id = ? AND state = ? LIMIT 1`);
const setState = db.prepare('UPDATE tickets SET state = ?, counter_id = ?, called_at = coalesce(?, called_at), started_at = coalesce(?, started_at), finished_at = ? WHERE id = ?');
let n = 0;

const issue = db.transaction((serviceId) => {
  const now = Date.now();
  n += 1;
  const id = Number(insertTicket.run(`A${n}`, serviceId, now, `token-${n}`).lastInsertRowid);
  insertEvent.run('ticket_issued', now, id, null, JSON.stringify({ number: `A${n}` }));
  return { id, number: `A${n}` };
});
const call = db.transaction((counterId) => {
  const t = oldest.get();
  if (!t) return undefined;
  const now = Date.now();
  setState.run('called', counterId, now, null, null, t.id);
  insertEvent.run('ticket_called', now, t.id, counterId, '{}');
  return { id: t.id, number: t.number, counterId, at: now };
});
const step = (from, to, type) => db.transaction((counterId) => {
  const t = atCounter.get(counterId, from);
  if (!t) return undefined;
  const now = Date.now();
  setState.run(to, counterId, null, to === 'serving' ? now : null, to === 'done' ? now : null, t.id);
  insertEvent.run(type, now, t.id, counterId, null);
  return { id: t.id };
});
const start = step('called', 'serving', 'ticket_started');
const finish = step('serving', 'done', 'ticket_finished');

const app = express();
app.use(express.json());
const http = createServer(app);
const io = new Server(http, { serveClient: false });
// For the socket flood bench: a screen's snapshot (VUORO_BENCH_SNAPSHOT, a JSON file: Vuoro's own display snapshot),
// answered to every join and snapshot request as a plain socket.io server answers: the object, serialized per answer.
const snapshot = process.env.VUORO_BENCH_SNAPSHOT ? JSON.parse(readFileSync(process.env.VUORO_BENCH_SNAPSHOT, 'utf8')) : null;
io.on('connection', (socket) => {
  socket.on('join', (room, ack) => { void socket.join(String(room)); ack?.(true); });
  socket.on('hall:join', (_req, ack) => { void socket.join('display'); ack?.({ ok: true, data: snapshot }); });
  socket.on('hall:snapshot', (ack) => ack?.({ ok: true, data: snapshot }));
});
app.get('/api/v1/health', (_req, res) => res.json({ status: 'ok' }));
app.post('/tickets', (req, res) => res.status(201).json(issue(String(req.body?.serviceId ?? 'a'))));
app.post('/counters/:id/next', (req, res) => {
  const c = call(req.params.id);
  if (!c) return res.status(409).json({ error: 'queue empty' });
  io.to('display').emit('ticket:called', { call: c });
  res.json(c);
});
app.post('/counters/:id/start', (req, res) => res.json(start(req.params.id) ?? null));
app.post('/counters/:id/finish', (req, res) => res.json(finish(req.params.id) ?? null));

http.listen(0, '127.0.0.1', () => console.log(`PORT ${http.address().port}`));
const stop = () => { io.close(); http.close(); db.close(); rmSync(dir, { recursive: true, force: true }); process.exit(0); };
process.on('SIGTERM', stop);
process.on('disconnect', stop);
