import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEPLOY = path.join(ROOT, 'server/deploy');

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** KEY=VALUE lines of an environment file, comments and blanks left out. */
function envFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`not KEY=VALUE: ${line}`);
    env[m[1]!] = m[2]!;
  }
  return env;
}

describe('the systemd unit and its environment file', () => {
  const unit = path.join(DEPLOY, 'vuoro.service');

  it('passes systemd-analyze verify without a warning', () => {
    if (!which('systemd-analyze')) throw new Error('systemd-analyze is missing: install the Debian package "systemd" (.ci/run does).');
    let file = unit;
    if (!existsSync('/usr/bin/node')) {
      // verify checks that ExecStart exists; the README installs Node as /usr/bin/node, this machine has it elsewhere.
      const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-unit-'));
      file = path.join(dir, 'vuoro.service');
      writeFileSync(file, readFileSync(unit, 'utf8').replace('/usr/bin/node', process.execPath));
    }
    const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a unit with a mistake does not pass (the check above can fail)', () => {
    if (!which('systemd-analyze')) throw new Error('systemd-analyze is missing: install the Debian package "systemd".');
    const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-unit-'));
    const bad = path.join(dir, 'vuoro.service');
    writeFileSync(bad, readFileSync(unit, 'utf8').replace('Restart=on-failure', 'Restartt=on-failure').replace('/usr/bin/node', process.execPath));
    expect(spawnSync('systemd-analyze', ['verify', bad], { encoding: 'utf8' }).stderr).toMatch(/Unknown key 'Restartt'/);
  });

  it('runs unprivileged, restarts on failure, is hardened, reaches serial ports through dialout and reads a separate env file', () => {
    const text = readFileSync(unit, 'utf8');
    for (const line of ['User=vuoro', 'Restart=on-failure', 'SupplementaryGroups=dialout', 'EnvironmentFile=/etc/vuoro/vuoro.env', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes', 'CapabilityBoundingSet=', 'DevicePolicy=closed', 'DeviceAllow=char-ttyUSB rw', 'StateDirectory=vuoro']) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('the env file is accepted by the server, and documents every VUORO_ variable the server reads', () => {
    const env = envFile(path.join(DEPLOY, 'vuoro.env'));
    expect(() => loadConfig({ ...env, VUORO_DATA_DIR: '/tmp/vuoro-env-check' })).not.toThrow();
    const documented = readFileSync(path.join(DEPLOY, 'vuoro.env'), 'utf8');
    const read = new Set(readFileSync(path.join(ROOT, 'server/src/config.ts'), 'utf8').match(/\bVUORO_[A-Z_]+(?=:)/g));
    for (const name of read) if (name !== 'VUORO_DATA_DIR' && name !== 'VUORO_LOG_FORMAT') expect(documented, name).toMatch(new RegExp(`^#?${name}=`, 'm'));
  });
});

describe('the production bundle, started the way the container image starts it', () => {
  const dockerfile = readFileSync(path.join(DEPLOY, 'Dockerfile'), 'utf8');
  const work = mkdtempSync(path.join(tmpdir(), 'vuoro-bundle-'));
  const bundle = path.join(work, 'opt/vuoro');
  const data = path.join(work, 'data');
  let proc: ChildProcess | undefined;
  let url = '';
  let out = '';

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [path.join(DEPLOY, 'bundle.mjs'), bundle], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`bundle failed: ${built.stderr}`);
    mkdirSync(data);
    // ENV and ENTRYPOINT straight from the Dockerfile; tini (PID 1 in the image) is left out here.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const env: Record<string, string> = {};
    for (const m of runtime.matchAll(/^ENV (.+)$/gm)) for (const kv of m[1]!.split(/\s+/)) env[kv.split('=')[0]!] = kv.split('=')[1]!;
    const entry = JSON.parse(/^ENTRYPOINT (\[.+\])$/m.exec(runtime)![1]!) as string[];
    expect(entry.slice(0, 2)).toEqual(['tini', '--']);
    const workdir = /^WORKDIR (.+)$/m.exec(runtime)![1]!;
    expect(workdir).toBe('/opt/vuoro');
    expect(env).toMatchObject({ NODE_ENV: 'production', VUORO_DATA_DIR: '/var/lib/vuoro', VUORO_LOG_FORMAT: 'json' });
    const [cmd, ...args] = entry.slice(2);
    expect(cmd).toBe('node');
    proc = spawn(process.execPath, args, {
      cwd: bundle,
      env: { PATH: process.env.PATH ?? '', ...env, VUORO_DATA_DIR: data, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bundle did not start: ${out}`)), 30_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /"url":"http:\/\/localhost:(\d+)\/"/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${m[1]}`);
        }
      };
      proc?.stdout?.on('data', onData);
      proc?.stderr?.on('data', onData);
      proc?.once('exit', (code) => reject(new Error(`the bundle exited with ${code}: ${out}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((resolve) => proc?.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('holds production dependencies only', () => {
    for (const dev of ['vitest', 'vite', 'typescript', 'playwright-core', '@vitejs/plugin-react', 'axe-core']) {
      expect(existsSync(path.join(bundle, 'node_modules', dev)), dev).toBe(false);
    }
    for (const prod of ['express', 'better-sqlite3', 'socket.io', 'pino', 'prom-client', 'serialport']) {
      expect(existsSync(path.join(bundle, 'node_modules', prod)), prod).toBe(true);
    }
    expect(existsSync(path.join(bundle, 'server/src'))).toBe(false);
  });

  it("serves the screens, and the image's health check passes", async () => {
    for (const p of ['/kiosk', '/display', '/counter']) expect((await fetch(url + p)).status).toBe(200);
    const healthcheck = JSON.parse(/^HEALTHCHECK .* CMD (\[.+\])$/m.exec(dockerfile)![1]!) as string[];
    expect(healthcheck).toEqual(['node', 'server/deploy/healthcheck.mjs']);
    const r = spawnSync(process.execPath, healthcheck.slice(1), { cwd: bundle, env: { PORT: new URL(url).port }, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('200 ok');
    expect(r.status).toBe(0);
  });

  it('logs JSON lines without the first admin password or a visitor token; the password is in a file only the owner reads', async () => {
    const file = path.join(data, 'initial-admin-password.txt');
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    const mode = (await import('node:fs')).statSync(file).mode & 0o777;
    expect(mode).toBe(0o600);
    const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(201);
    const { token } = (await login.json()) as { token: string };
    const t = (await (await fetch(`${url}/api/v1/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"serviceId":"identity"}' })).json()) as IssueTicketResponse;
    expect((await fetch(`${url}/t/${t.ticket.statusToken}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const lines = out.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(() => JSON.parse(l), l).not.toThrow();
    for (const secret of [password, token, t.ticket.statusToken]) expect(out).not.toContain(secret);
    expect(out).toContain('"route":"/t/:token"');
  });
});

describe('the kiosk and display start command', () => {
  let server: TestServer;
  const script = path.join(DEPLOY, 'kiosk/vuoro-kiosk.sh');
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.dispose());

  it('opens the display in Chromium with the documented flags', async () => {
    if (!existsSync('/usr/bin/chromium')) throw new Error('chromium is missing: install the Debian package "chromium" (.ci/run does).');
    const profile = mkdtempSync(path.join(tmpdir(), 'vuoro-kiosk-'));
    // Asynchronous: the server answering Chromium runs in this process.
    const child = spawn('sh', [script, `${server.url}/display`], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: profile,
        VUORO_BROWSER: '/usr/bin/chromium',
        VUORO_KIOSK_PROFILE: profile,
        VUORO_BROWSER_EXTRA: '--headless --no-sandbox --disable-gpu --dump-dom',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let dom = '';
    child.stdout.on('data', (d: Buffer) => (dom += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    rmSync(profile, { recursive: true, force: true });
    expect(status).toBe(0);
    // The page's script ran: the board is drawn (the DOM is taken at load, before the socket's first snapshot).
    expect(dom).toMatch(/<div id="root"><div class="board[^"]*"/);
    expect(dom).toContain('<h1 class="board__title">Waiting-room display</h1>');
  }, 90_000);

  it('clears the "restore pages?" state a power cut leaves behind', () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'vuoro-kiosk-'));
    mkdirSync(path.join(profile, 'Default'));
    const prefs = path.join(profile, 'Default/Preferences');
    writeFileSync(prefs, '{"profile":{"exit_type":"Crashed","exited_cleanly":false,"name":"x"}}');
    const r = spawnSync('sh', [script, 'http://example.invalid/kiosk'], { env: { PATH: process.env.PATH ?? '', HOME: profile, VUORO_BROWSER: 'true', VUORO_KIOSK_PROFILE: profile }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(prefs, 'utf8')).toBe('{"profile":{"exit_type":"Normal","exited_cleanly":true,"name":"x"}}');
    rmSync(profile, { recursive: true, force: true });
  });

  it('the Windows command uses the same flags', () => {
    const flags = (file: string) => new Set(readFileSync(path.join(DEPLOY, 'kiosk', file), 'utf8').match(/--[a-z-]+(?==|\s|\\)/g));
    const linux = flags('vuoro-kiosk.sh');
    linux.delete('--password-store'); // the Linux keyring prompt; Windows has none
    for (const f of linux) expect(flags('vuoro-kiosk.cmd').has(f), f).toBe(true);
  });
});
