import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { DEFAULT_SPEECH_CACHE_LIMITS, SpeechCache, type SpeechCacheLimits } from './speechCache.js';
import { sealWav } from './wavFile.js';

/** espeak-ng is not installed, or could not render this voice. The client then uses the browser's own speech. */
export class SpeechUnavailableError extends Error {
  override name = 'SpeechUnavailableError';
}

/** Too many prompts are waiting to be rendered: the client uses the browser's own speech this time. */
export class SpeechBusyError extends SpeechUnavailableError {
  override name = 'SpeechBusyError';
}

/**
 * A display's call (someone must hear their number now) or a kiosk prompt (the kiosk can fall back to the browser's
 * voice). Calls are rendered first, and one render slot is kept for them.
 */
export type SpeechPriority = 'call' | 'prompt';

export interface EspeakOptions {
  /** The executable; "espeak-ng" is looked up on PATH. */
  executable: string;
  /** Rendered prompts are kept here, one WAV per (voice, rate, text). */
  cacheDir: string;
  /** How many rendered prompts, and how many bytes, the cache keeps (least recently used go first). */
  cacheLimits?: SpeechCacheLimits;
  /** Renders running at once; more wait their turn (calls before prompts). */
  concurrency?: number;
  /** Renders that may wait for a slot, per priority; one more is refused with SpeechBusyError. */
  maxWaiting?: Readonly<Record<SpeechPriority, number>>;
  timeoutMs?: number;
  /** Words per minute; a little slower than espeak-ng's 175 is easier to follow in a hall. */
  rate?: number;
  log?: (msg: string, err?: unknown) => void;
}

/** Longer output than this is not a prompt of ours: the render is stopped. */
const MAX_WAV_BYTES = 8 * 1024 * 1024;

/**
 * Renders text to WAV with espeak-ng, asynchronously (spawn), a few at a time, each with a time limit. espeak-ng writes
 * to a pipe, never to disk: writing to a file itself on a full disk, it exits 0 with a short file whose header it
 * rewrites to match, so the cut could not be seen afterwards. Here the whole output arrives in memory, its sizes are
 * sealed, and the cache writes and checks the file (see SpeechCache).
 */
export class EspeakRenderer {
  private readonly running: Record<SpeechPriority, number> = { call: 0, prompt: 0 };
  private readonly waiting: Record<SpeechPriority, (() => void)[]> = { call: [], prompt: [] };
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private readonly concurrency: number;
  private readonly maxWaiting: Readonly<Record<SpeechPriority, number>>;
  private readonly timeoutMs: number;
  private readonly rate: number;
  readonly cache: SpeechCache;

  constructor(private readonly opts: EspeakOptions) {
    this.concurrency = opts.concurrency ?? 2;
    this.maxWaiting = opts.maxWaiting ?? { call: 100, prompt: 16 };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.rate = opts.rate ?? 150;
    this.cache = new SpeechCache(opts.cacheDir, opts.cacheLimits ?? DEFAULT_SPEECH_CACHE_LIMITS, opts.log ?? (() => undefined));
  }

  /** The WAV bytes for `text` in `voice`: from the cache, or rendered (and kept) first. */
  async render(voice: string, text: string, priority: SpeechPriority = 'prompt'): Promise<Buffer> {
    const key = createHash('sha256').update(`${voice}\0${this.rate}\0${text}`).digest('hex');
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const job = this.withSlot(priority, () => this.spawnEspeak(voice, text))
      .then(async (wav) => {
        await this.cache.put(key, wav);
        return wav;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    return job;
  }

  /** Renders waiting for a slot now, per priority. */
  queued(): Record<SpeechPriority, number> {
    return { call: this.waiting.call.length, prompt: this.waiting.prompt.length };
  }

  /** A call may take any free slot; prompts leave one slot free for calls (unless there is only one). */
  private canStart(p: SpeechPriority): boolean {
    if (this.running.call + this.running.prompt >= this.concurrency) return false;
    return p === 'call' || this.running.prompt < Math.max(1, this.concurrency - 1);
  }

  private async withSlot<T>(p: SpeechPriority, work: () => Promise<T>): Promise<T> {
    if (this.canStart(p)) {
      this.running[p] += 1;
    } else {
      if (this.waiting[p].length >= this.maxWaiting[p]) {
        throw new SpeechBusyError(`${this.waiting[p].length} spoken ${p === 'call' ? 'calls' : 'prompts'} are already waiting to be rendered; try again shortly.`);
      }
      // The slot is counted for us by dispatch() before we are woken.
      await new Promise<void>((resolve) => this.waiting[p].push(resolve));
    }
    try {
      return await work();
    } finally {
      this.running[p] -= 1;
      this.dispatch();
    }
  }

  private dispatch(): void {
    for (const p of ['call', 'prompt'] as const) {
      while (this.waiting[p].length > 0 && this.canStart(p)) {
        this.running[p] += 1;
        this.waiting[p].shift()?.();
      }
    }
  }

  private spawnEspeak(voice: string, text: string): Promise<Buffer> {
    const args = ['-v', voice, '-s', String(this.rate), '--stdout', '--stdin'];
    return new Promise<Buffer>((resolve, reject) => {
      const child = spawn(this.opts.executable, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let bytes = 0;
      let stderr = '';
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(err);
      };
      const timer = setTimeout(() => fail(new SpeechUnavailableError(`espeak-ng did not finish within ${this.timeoutMs} ms`)), this.timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        bytes += d.length;
        if (bytes > MAX_WAV_BYTES) fail(new SpeechUnavailableError(`espeak-ng wrote more than ${MAX_WAV_BYTES} bytes; the render was stopped`));
        else chunks.push(d);
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        if (stderr.length < 2000) stderr += d;
      });
      child.stdin.on('error', () => undefined);
      child.on('error', (err: NodeJS.ErrnoException) =>
        fail(
          new SpeechUnavailableError(
            err.code === 'ENOENT'
              ? `The text-to-speech program "${this.opts.executable}" is not installed (apt-get install espeak-ng, or set VUORO_ESPEAK).`
              : `The text-to-speech program could not start: ${err.message}`,
          ),
        ),
      );
      child.on('close', (code, signal) => {
        if (settled) return;
        clearTimeout(timer);
        if (code !== 0) {
          fail(new SpeechUnavailableError(`espeak-ng failed for voice "${voice}" (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`));
          return;
        }
        const sealed = sealWav(Buffer.concat(chunks));
        if (!sealed.ok) {
          fail(new SpeechUnavailableError(`espeak-ng gave no usable audio for voice "${voice}": ${sealed.reason}`));
          return;
        }
        settled = true;
        resolve(sealed.wav);
      });
      child.stdin.end(text);
    });
  }
}
