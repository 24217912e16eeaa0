import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './postgres.js';
import { ADMIN_PASSWORD } from './server.js';

export const MAIN = path.resolve(import.meta.dirname, '../../server/dist/main.js');

/** A real server process, as `npm start` runs it (after the build). */
export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  output(): string;
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `node server/dist/main.js` with `env` on a free port (or `port`), resolved once it answers /health. */
export async function launchServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run "npm run build" first (npm test does it).');
  const p = port ?? (await freePort());
  const proc = spawn(process.execPath, [MAIN], {
    // Tests issue many tickets from one address; the anonymous issue limit has its own test.
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', VUORO_ADMIN_PASSWORD: ADMIN_PASSWORD, VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000', VUORO_PUBLIC_READS_PER_MINUTE: '100000', VUORO_TOKEN_MISSES_PER_MINUTE: '100000', VUORO_SIGN_INS_PER_MINUTE: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => void (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => void (out += d.toString()));
  const url = `http://127.0.0.1:${p}`;
  const end = Date.now() + 60_000;
  let exited = false;
  proc.once('exit', () => void (exited = true));
  for (;;) {
    if (exited) throw new Error(`server exited before answering: ${out}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      proc.kill('SIGKILL');
      throw new Error(`server did not answer within 60 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: p,
    proc,
    output: () => out,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}
