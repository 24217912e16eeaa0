import { LRUCache } from 'lru-cache';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkWav, WAV_HEAD_BYTES, type WavCheck } from './wavFile.js';

export interface SpeechCacheLimits {
  /** Rendered prompts kept at most. */
  maxFiles: number;
  /** Bytes of WAV kept at most. */
  maxBytes: number;
}

export const DEFAULT_SPEECH_CACHE_LIMITS: SpeechCacheLimits = { maxFiles: 1000, maxBytes: 100 * 1024 * 1024 };

/**
 * Files are named `v2-<key>.wav`. Files of the older scheme (`<key>.wav`) were written by espeak-ng itself, which on a
 * full disk leaves a short file with a header that matches it; they cannot be told from whole ones, so they are
 * deleted at start.
 */
const PREFIX = 'v2-';
const NAME = /^v2-[0-9a-f]{64}\.wav$/;
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * Rendered prompts on disk, one WAV per key, bounded in count and total size: the least recently used file is deleted
 * when a new one would pass either limit. The index lives in memory (lru-cache); at start it is built from the folder,
 * oldest file first, so a cache left over from before (or larger than the limits now) is trimmed at once, and files
 * that are not whole WAVs (and leftover temporary files) are deleted.
 *
 * A file is written to a temporary name, checked on disk (sizes in its RIFF header against its length, a data chunk)
 * and only then renamed into place; every file is checked again when it is read, so a damaged file is never served.
 * A full disk is not an error for the visitor: the audio is still answered, just not kept, and the log says so.
 */
export class SpeechCache {
  private readonly index: LRUCache<string, number>;
  private readonly ready: Promise<void>;
  /** When a failure to keep a prompt was last logged. */
  private lastFullReport = -Infinity;
  /** Deletions of evicted files still under way; `put` waits for them, so the limits hold when it returns. */
  private readonly deleting = new Set<Promise<void>>();

  constructor(
    readonly dir: string,
    readonly limits: SpeechCacheLimits,
    private readonly log: (msg: string, err?: unknown) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.index = new LRUCache<string, number>({
      max: limits.maxFiles,
      maxSize: limits.maxBytes,
      sizeCalculation: (bytes) => Math.max(1, bytes),
      dispose: (_bytes, key, reason) => {
        // 'set' replaces the entry of the same file: nothing to delete.
        if (reason !== 'evict' && reason !== 'delete') return;
        const done: Promise<void> = rm(this.file(key), { force: true })
          .catch((err: unknown) => this.log(`speech cache: could not delete ${PREFIX}${key}.wav`, err))
          .finally(() => this.deleting.delete(done));
        this.deleting.add(done);
      },
    });
    this.ready = this.load().catch((err: unknown) => this.log(`speech cache: could not read ${dir}; starting empty`, err));
  }

  /** Files and bytes held now. */
  async size(): Promise<{ files: number; bytes: number }> {
    await this.ready;
    return { files: this.index.size, bytes: this.index.calculatedSize };
  }

  /** The cached WAV, or undefined when there is none (or it was not whole: then it is deleted). */
  async get(key: string): Promise<Buffer | undefined> {
    await this.ready;
    if (!this.index.has(key)) return undefined;
    const file = this.file(key);
    let wav: Buffer;
    try {
      wav = await readFile(file);
    } catch {
      // Evicted meanwhile, or deleted by hand.
      this.index.delete(key);
      return undefined;
    }
    const check = checkWav(wav);
    if (!check.ok) {
      this.log(`speech cache: deleted ${path.basename(file)}, which is not a whole WAV file (${check.reason})`);
      this.index.delete(key);
      return undefined;
    }
    this.index.get(key); // most recently used now
    const now = new Date();
    void utimes(file, now, now).catch(() => undefined); // so that the order survives a restart
    return wav;
  }

  /**
   * Keeps `wav` under `key`: written to a temporary file, checked on disk, renamed into place. Returns whether it was
   * kept (not when it is larger than the whole cache, or the disk is full).
   */
  async put(key: string, wav: Buffer): Promise<boolean> {
    await this.ready;
    if (wav.length > this.limits.maxBytes) return false;
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, wav, { flag: 'wx' });
      const check = await checkFile(tmp);
      if (!check.ok) {
        this.log(`speech cache: a rendered prompt was not whole on disk and is not kept (${check.reason})`);
        await rm(tmp, { force: true });
        return false;
      }
      await rename(tmp, file);
      this.index.set(key, wav.length);
      await Promise.all(this.deleting);
      return true;
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      // Once a minute at most: every render of a flood would otherwise add a line.
      const now = this.clock();
      if (now - this.lastFullReport >= 60_000) {
        this.lastFullReport = now;
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== undefined && DISK_FULL.has(code)) {
          this.log(`speech cache: the disk holding ${this.dir} is full (${code}); prompts are spoken but not kept until there is room`);
        } else {
          this.log(`speech cache: could not keep a rendered prompt in ${this.dir}; prompts are spoken but not kept`, err);
        }
      }
      return false;
    }
  }

  private file(key: string): string {
    return path.join(this.dir, `${PREFIX}${key}.wav`);
  }

  private async load(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const found: { key: string; bytes: number; at: number }[] = [];
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.dir, name);
      if (name.endsWith('.tmp')) {
        await rm(file, { force: true });
        continue;
      }
      if (!NAME.test(name)) {
        if (name.endsWith('.wav')) {
          removed += 1;
          await rm(file, { force: true });
        }
        continue;
      }
      const check = await checkFile(file).catch((err: unknown) => ({ ok: false as const, reason: String(err) }));
      if (!check.ok) {
        removed += 1;
        await rm(file, { force: true });
        continue;
      }
      const s = await stat(file);
      found.push({ key: name.slice(PREFIX.length, -4), bytes: s.size, at: s.mtimeMs });
    }
    found.sort((a, b) => a.at - b.at);
    for (const f of found) {
      if (f.bytes > this.limits.maxBytes) await rm(this.file(f.key), { force: true });
      else this.index.set(f.key, f.bytes);
    }
    await Promise.all(this.deleting);
    if (removed > 0) this.log(`speech cache: deleted ${removed} file(s) in ${this.dir} that were not whole WAV files or were written by an older version`);
  }
}

/** Checks a file on disk: its header against its length. */
async function checkFile(file: string): Promise<WavCheck> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, WAV_HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    return checkWav(head, size);
  } finally {
    await handle.close();
  }
}
