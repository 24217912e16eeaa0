import type { Language } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import { waitUntil } from './chime.js';
import { clipUrl } from './spokenParts.js';

/**
 * The three ways a call can be spoken, tried in this order by the announcer: recorded clips, speech rendered by
 * the server (espeak-ng), the browser's own speech synthesis. Each returns false when it cannot speak, so the
 * next one is tried; none throws for a missing voice.
 */

const DECODED_KEPT = 96;

/** Decoded clips by URL, bounded (a long-running display must not grow): the oldest entry goes first. */
class BufferCache {
  private readonly map = new Map<string, AudioBuffer | null>();
  get(url: string): AudioBuffer | null | undefined {
    return this.map.get(url);
  }
  set(url: string, buffer: AudioBuffer | null): void {
    this.map.delete(url);
    this.map.set(url, buffer);
    if (this.map.size > DECODED_KEPT) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
}

const cache = new BufferCache();

async function fetchClip(ctx: AudioContext, url: string): Promise<AudioBuffer | null> {
  const cached = cache.get(url);
  if (cached !== undefined) return cached;
  let buffer: AudioBuffer | null = null;
  try {
    const res = await fetch(url, { cache: 'force-cache' });
    if (res.ok) buffer = await ctx.decodeAudioData(await res.arrayBuffer());
  } catch {
    buffer = null;
  }
  cache.set(url, buffer);
  return buffer;
}

/** Plays buffers back to back, scheduled on the audio clock so there is no gap between clips. */
function playSequence(ctx: AudioContext, out: AudioNode, buffers: readonly AudioBuffer[]): Promise<void> {
  let at = ctx.currentTime + 0.05;
  for (const b of buffers) {
    const src = ctx.createBufferSource();
    src.buffer = b;
    src.connect(out);
    src.start(at);
    src.onended = () => src.disconnect();
    at += b.duration;
  }
  return waitUntil(ctx, at);
}

export async function speakWithClips(ctx: AudioContext, out: AudioNode, displayId: string, lang: Language, names: readonly string[]): Promise<boolean> {
  const buffers = await Promise.all(names.map((n) => fetchClip(ctx, clipUrl(displayId, lang, n))));
  // "recall" is optional: a hall may record only the plain call.
  const needed = buffers.filter((b, i) => b !== null || names[i] !== 'recall');
  if (needed.some((b) => b === null)) return false;
  await playSequence(ctx, out, needed.filter((b): b is AudioBuffer => b !== null));
  return true;
}

/** Server speech: GET /api/v1/speech renders the catalog text with espeak-ng (503 when it is not installed). */
export class ServerSpeech {
  private unavailableUntil = 0;

  async speak(ctx: AudioContext, out: AudioNode, lang: Language, key: string, number: string, counter: string): Promise<boolean> {
    if (Date.now() < this.unavailableUntil) return false;
    let buffer: AudioBuffer;
    try {
      const res = await fetch(path('speech', {}, { app: 'display', lang, key, number, counter }));
      if (res.status === 503) {
        // espeak-ng is not installed: ask again in a while rather than on every call.
        this.unavailableUntil = Date.now() + 5 * 60_000;
        return false;
      }
      if (!res.ok) return false;
      buffer = await ctx.decodeAudioData(await res.arrayBuffer());
    } catch {
      return false;
    }
    await playSequence(ctx, out, [buffer]);
    return true;
  }
}

/** The browser's speech synthesis, if it has a voice for the language; bounded in time (some never fire `end`). */
export async function speakWithBrowser(text: string, lang: Language, volume: number): Promise<boolean> {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  if (synth === null) return false;
  const voice = (await voicesOf(synth)).find((v) => v.lang.toLowerCase().startsWith(lang));
  if (!voice) return false;
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = voice.lang;
    u.voice = voice;
    u.volume = volume;
    u.rate = 0.9;
    const limit = setTimeout(() => {
      synth.cancel();
      resolve(true);
    }, 3_000 + text.length * 150);
    const done = (ok: boolean) => {
      clearTimeout(limit);
      resolve(ok);
    };
    u.onend = () => done(true);
    u.onerror = () => done(false);
    synth.speak(u);
  });
}

/** Chromium lists its voices only after `voiceschanged`; wait for it briefly the first time. */
function voicesOf(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', finish);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(finish, 1_000);
    synth.addEventListener('voiceschanged', finish);
  });
}
