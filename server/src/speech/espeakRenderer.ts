import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** espeak-ng is not installed, or could not render this voice. The client then uses the browser's own speech. */
export class SpeechUnavailableError extends Error {
  override name = 'SpeechUnavailableError';
}

export interface EspeakOptions {
  /** The executable; "espeak-ng" is looked up on PATH. */
  executable: string;
  /** Rendered prompts are kept here, one WAV per (voice, rate, text). */
  cacheDir: string;
  /** Renders running at once; more wait their turn. */
  concurrency?: number;
  timeoutMs?: number;
  /** Words per minute; a little slower than espeak-ng's 175 is easier to follow in a hall. */
  rate?: number;
}

/**
 * Renders text to WAV with espeak-ng, asynchronously (spawn), a few at a time, each with a time limit.
 * Results are cached on disk by a hash of voice, rate and text, so a prompt is rendered once.
 */
export class EspeakRenderer {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly rate: number;

  constructor(private readonly opts: EspeakOptions) {
    this.concurrency = opts.concurrency ?? 2;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.rate = opts.rate ?? 150;
  }

  /** The WAV bytes for `text` in `voice`. */
  async render(voice: string, text: string): Promise<Buffer> {
    return readFile(await this.file(voice, text));
  }

  /** The cached WAV file for `text` in `voice`, rendered first if needed. */
  async file(voice: string, text: string): Promise<string> {
    const hash = createHash('sha256').update(`${voice}\0${this.rate}\0${text}`).digest('hex');
    const file = path.join(this.opts.cacheDir, `${hash}.wav`);
    if (await exists(file)) return file;
    const pending = this.inFlight.get(hash);
    if (pending) return pending;
    const job = this.withSlot(() => this.spawnEspeak(voice, text, file)).finally(() => this.inFlight.delete(hash));
    this.inFlight.set(hash, job);
    return job;
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.queue.shift()?.();
    }
  }

  private async spawnEspeak(voice: string, text: string, file: string): Promise<string> {
    await mkdir(this.opts.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const args = ['-v', voice, '-s', String(this.rate), '-w', tmp, '--stdin'];
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(this.opts.executable, args, { stdio: ['pipe', 'ignore', 'pipe'] });
        let stderr = '';
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new SpeechUnavailableError(`espeak-ng did not finish within ${this.timeoutMs} ms`));
        }, this.timeoutMs);
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (d: string) => {
          if (stderr.length < 2000) stderr += d;
        });
        child.stdin.on('error', () => undefined);
        child.on('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(
            new SpeechUnavailableError(
              err.code === 'ENOENT'
                ? `The text-to-speech program "${this.opts.executable}" is not installed (apt-get install espeak-ng, or set VUORO_ESPEAK).`
                : `The text-to-speech program could not start: ${err.message}`,
            ),
          );
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else reject(new SpeechUnavailableError(`espeak-ng failed for voice "${voice}" (exit ${code}): ${stderr.trim() || 'no message'}`));
        });
        child.stdin.end(text);
      });
      await rename(tmp, file);
      return file;
    } finally {
      await rm(tmp, { force: true });
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 44;
  } catch {
    return false;
  }
}
