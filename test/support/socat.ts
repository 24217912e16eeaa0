import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Two pseudo-terminals joined by socat: what one end writes, the other reads.
 * A driver opens `a` as if it were a USB serial device; the test plays the
 * device on `b`. `kill()` pulls the cable (socat removes both links), and
 * `restart()` plugs it back in under the same paths.
 */
export interface SocatPair {
  readonly dir: string;
  readonly a: string;
  readonly b: string;
  readonly running: boolean;
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Kills socat and removes the temporary folder. */
  close(): Promise<void>;
}

const SOCAT_MISSING = 'socat is not installed: apt-get install socat';

export function assertSocatInstalled(): void {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new Error(SOCAT_MISSING);
}

export async function startSocatPair(options: { dir?: string; readyTimeoutMs?: number } = {}): Promise<SocatPair> {
  assertSocatInstalled();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'vuoro-socat-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    let exited: string | null = null;
    proc.once('error', (error) => {
      exited = error.message.includes('ENOENT') ? SOCAT_MISSING : error.message;
    });
    proc.once('exit', (code, signal) => {
      exited ??= `socat exited (${code ?? signal}) before the ptys were ready: ${stderr.trim()}`;
    });
    const deadline = Date.now() + readyTimeoutMs;
    while (!(existsSync(a) && existsSync(b))) {
      if (exited) throw new Error(exited);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`socat did not create ${a} and ${b} within ${readyTimeoutMs} ms: ${stderr.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      await exited;
    }
    // socat removes its links on a clean exit; make sure they are gone after any exit.
    for (const path of [a, b]) if (existsSync(path)) unlinkSync(path);
  };

  await start();
  return {
    dir,
    a,
    b,
    get running() {
      return child !== null;
    },
    kill,
    async restart() {
      await kill();
      await start();
    },
    async close() {
      await kill();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
