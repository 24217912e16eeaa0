import type { Language } from '@vuoro/server/protocol';
import { translate, type MessageKey } from '../i18n/catalogs';
import { path } from '@vuoro/server/protocol/client';

/** One spoken prompt: a catalog key and the typed values the server accepts (never free text). */
export interface SpeechItem {
  key: MessageKey;
  /** Speak in this language instead of the visitor's (a language's own name). */
  lang?: Language;
  number?: string;
  service?: string;
  minutes?: number;
  ahead?: number;
  counter?: string;
  interpreter?: string;
}

/** Fills the local text for the browser fallback: service names, prepare text, hall name. */
export interface SpeechContext {
  hallName(lang: Language): string;
  serviceName(id: string, lang: Language): string;
  prepare(id: string, lang: Language): string;
}

const RETRY_SERVER_MS = 60_000;
const MAX_PROMPT_MS = 30_000;

/**
 * Plays prompts rendered by the server's espeak-ng (GET /api/v1/speech), one after another; a new `say` interrupts.
 * When the server cannot speak (503), the browser's speechSynthesis reads the same catalog text.
 */
export class SpeechPlayer {
  volume = 0.8;
  private generation = 0;
  private readonly audio: HTMLAudioElement;
  private serverDownUntil = 0;
  private stopCurrent: (() => void) | null = null;

  constructor(private readonly ctx: SpeechContext) {
    this.audio = new Audio();
  }

  /** Speaks the items in order; resolves when done or interrupted. */
  async say(items: readonly SpeechItem[], lang: Language): Promise<void> {
    this.stop();
    const generation = this.generation;
    // Ask for every prompt at once so the whole screen is ready while the first one plays.
    const clips = items.map((item) => this.fetchClip(item, lang));
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i];
      const clip = clips[i];
      if (!item || !clip || generation !== this.generation) break;
      const blob = await clip;
      if (generation !== this.generation) break;
      if (blob) await this.playBlob(blob);
      else await this.speakLocally(item, lang);
    }
  }

  stop(): void {
    this.generation += 1;
    this.stopCurrent?.();
    this.stopCurrent = null;
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  changeVolume(delta: number): number {
    this.volume = Math.min(1, Math.max(0.1, Math.round((this.volume + delta) * 10) / 10));
    this.audio.volume = this.volume;
    return this.volume;
  }

  /** The text as the visitor would hear it, for the browser's own speech. */
  text(item: SpeechItem, lang: Language): string {
    const l = item.lang ?? lang;
    const params: Record<string, string | number> = { hall: this.ctx.hallName(l) };
    if (item.number !== undefined) params.number = item.number;
    if (item.service !== undefined) {
      params.service = this.ctx.serviceName(item.service, l);
      params.prepare = this.ctx.prepare(item.service, l);
    }
    if (item.minutes !== undefined) params.minutes = item.minutes;
    if (item.ahead !== undefined) params.ahead = item.ahead;
    if (item.counter !== undefined) params.counter = item.counter;
    if (item.interpreter !== undefined) {
      params.interpreter = new Intl.DisplayNames([l], { type: 'language' }).of(item.interpreter) ?? item.interpreter;
    }
    return translate(l, item.key, params);
  }

  private async fetchClip(item: SpeechItem, lang: Language): Promise<Blob | null> {
    if (Date.now() < this.serverDownUntil) return null;
    const { number, counter, service, minutes, ahead, interpreter } = item;
    const q = { app: 'kiosk', lang: item.lang ?? lang, key: item.key, number, counter, service, minutes, ahead, interpreter };
    try {
      const res = await fetch(path('speech', {}, q));
      if (res.ok) return await res.blob();
      if (res.status === 503) this.serverDownUntil = Date.now() + RETRY_SERVER_MS;
    } catch {
      // The kiosk's out-of-service screen handles an unreachable server; speak locally meanwhile.
    }
    return null;
  }

  private playBlob(blob: Blob): Promise<void> {
    const url = URL.createObjectURL(blob);
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.audio.onended = null;
        this.audio.onerror = null;
        this.stopCurrent = null;
        URL.revokeObjectURL(url);
        resolve();
      };
      const timer = setTimeout(done, MAX_PROMPT_MS);
      this.stopCurrent = () => {
        this.audio.pause();
        done();
      };
      this.audio.onended = done;
      this.audio.onerror = done;
      this.audio.src = url;
      this.audio.volume = this.volume;
      this.audio.play().catch(done);
    });
  }

  private speakLocally(item: SpeechItem, lang: Language): Promise<void> {
    if (typeof speechSynthesis === 'undefined') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const u = new SpeechSynthesisUtterance(this.text(item, lang));
      u.lang = item.lang ?? lang;
      u.volume = this.volume;
      const timer = setTimeout(resolve, MAX_PROMPT_MS);
      u.onend = () => {
        clearTimeout(timer);
        resolve();
      };
      u.onerror = u.onend;
      speechSynthesis.speak(u);
    });
  }
}
