#!/usr/bin/env node
// Builds what needs building: type-checks and compiles drivers and server (tsc -b, incremental), copies the SQL
// migrations (the hall's SQLite ones and the central server's PostgreSQL ones), and builds each UI with Vite when its output is missing or older than its sources.
// Usage: node scripts/build.mjs [--server-only] [--force]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const UIS = ['kiosk-ui', 'display-ui', 'counter-ui'];

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: "${cmd} ${cmdArgs.join(' ')}" failed`);
    process.exit(r.status ?? 1);
  }
}

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    max = Math.max(max, newest(path.join(p, e)));
  }
  return max;
}

const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
run(tsc, ['-b', args.has('--server-only') ? 'server' : '.']);

for (const dir of ['store/migrations', 'central/store/migrations']) {
  const migrations = path.join(root, 'server/src', dir);
  const migrationsOut = path.join(root, 'server/dist', dir);
  mkdirSync(migrationsOut, { recursive: true });
  for (const f of readdirSync(migrations)) copyFileSync(path.join(migrations, f), path.join(migrationsOut, f));
}

if (!args.has('--server-only')) {
  const shared = Math.max(newest(path.join(root, 'server/src/protocol')), newest(path.join(root, 'package-lock.json')), newest(path.join(root, 'scripts/uiViteConfig.mjs')));
  const { build } = await import('vite');
  for (const ui of UIS) {
    const dir = path.join(root, ui);
    const built = existsSync(path.join(dir, 'dist/index.html')) ? statSync(path.join(dir, 'dist/index.html')).mtimeMs : 0;
    const sources = Math.max(newest(path.join(dir, 'src')), newest(path.join(dir, 'public')), newest(path.join(dir, 'index.html')),
      newest(path.join(dir, 'status.html')), newest(path.join(dir, 'book.html')), newest(path.join(dir, 'vite.config.ts')), shared);
    if (!args.has('--force') && built > sources) continue;
    console.log(`build: ${ui}`);
    await build({ root: dir, configFile: path.join(dir, 'vite.config.ts'), logLevel: 'warn' });
  }
}
