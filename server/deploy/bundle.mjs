#!/usr/bin/env node
// Assembles what a production machine runs, after `npm run build`: the compiled server and drivers, the built
// screens, the speech catalogs, the hall configs, and the production node_modules (no dev dependencies), copied from
// this checkout's install so no network is needed. The Dockerfile and the deployment test both use it.
// Usage: node server/deploy/bundle.mjs <out-dir>
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
if (!out) {
  console.error('Usage: node server/deploy/bundle.mjs <out-dir>');
  process.exit(2);
}

const UIS = ['kiosk-ui', 'display-ui', 'counter-ui'];
/** Everything the running server reads, relative to the repository root. */
export const RUNTIME_FILES = [
  'package.json',
  'package-lock.json',
  'README.md',
  'server/package.json',
  'server/dist',
  'server/config',
  'server/deploy',
  'drivers/package.json',
  'drivers/dist',
  ...UIS.flatMap((ui) => [`${ui}/package.json`, `${ui}/dist`, `${ui}/src/i18n`]),
];

for (const f of ['server/dist/main.js', ...UIS.map((ui) => `${ui}/dist/index.html`)]) {
  if (!existsSync(path.join(root, f))) {
    console.error(`bundle: ${f} is missing; run "npm run build" first.`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of RUNTIME_FILES) {
  if (existsSync(path.join(root, f))) cpSync(path.join(root, f), path.join(out, f), { recursive: true });
}

// The production dependency tree exactly as npm resolved it (npm ls --omit=dev), package by package; nested
// node_modules folders are listed on their own, so a dev-only package nested inside a production one is left out.
const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 })
  .split('\n')
  .filter((p) => p.startsWith(path.join(root, 'node_modules') + path.sep));
let packages = 0;
for (const from of listed) {
  const rel = path.relative(root, from);
  const to = path.join(out, rel);
  if (existsSync(to)) continue;
  mkdirSync(path.dirname(to), { recursive: true });
  if (lstatSync(from).isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to); // a workspace package (node_modules/@vuoro/server → ../../server)
  } else {
    cpSync(from, to, { recursive: true, filter: (src) => src === from || !path.relative(from, src).split(path.sep).includes('node_modules') });
  }
  packages++;
}
console.log(`bundle: ${out} (${RUNTIME_FILES.length} paths, ${packages} production packages)`);
