import type { CallView, Language } from '@vuoro/server/protocol';
import { translate } from '../i18n/catalog.js';
import type { AudioSink } from './announcementQueue.js';
import { playChime } from './chime.js';
import { clipNames, languagesFor, speakableNumber } from './spokenParts.js';
import { ServerSpeech, speakWithBrowser, speakWithClips } from './voices.js';

export interface AnnouncerSettings {
  volume: number;
  /** Base URL of this display's recorded clips, or null when the hall has none. */
  clipsDisplayId: string | null;
  defaultLanguage: Language;
  languages: readonly Language[];
}

export type SpeechMethod = 'clips' | 'server' | 'browser' | 'none';

/**
 * The display's audio sink: the chime, then the call in the hall's language and, if different, the visitor's.
 * Each language is spoken with the first method that works: clips, server speech, browser speech, or nothing
 * (the chime alone still tells the hall to look up).
 */
export class CallAnnouncer implements AudioSink {
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private readonly serverSpeech = new ServerSpeech();
  /** The last method used, shown to tests and installers as a data attribute. */
  lastMethod: SpeechMethod = 'none';

  constructor(
    private settings: AnnouncerSettings,
    private readonly onMethod: (m: SpeechMethod) => void = () => undefined,
  ) {}

  update(settings: AnnouncerSettings): void {
    this.settings = settings;
    if (this.master) this.master.gain.value = settings.volume;
  }

  /** The audio context, created once; 'suspended' means the browser blocks autoplay until a click. */
  context(): AudioContext {
    if (this.ctx === null) {
      this.ctx = new AudioContext();
      this.master = this.ctx.createGain();
      this.master.gain.value = this.settings.volume;
      this.master.connect(this.ctx.destination);
    }
    return this.ctx;
  }

  blocked(): boolean {
    return this.context().state !== 'running';
  }

  async unlock(): Promise<boolean> {
    await this.context().resume();
    return !this.blocked();
  }

  async play(call: CallView): Promise<void> {
    const ctx = this.context();
    const out = this.master;
    if (out === null || ctx.state !== 'running') return;
    await playChime(ctx, out);
    const key = call.recall ? 'recall.spoken' : 'call.spoken';
    for (const lang of languagesFor(call.language, this.settings.defaultLanguage, this.settings.languages)) {
      const method = await this.speak(ctx, out, lang, key, call);
      this.lastMethod = method;
      this.onMethod(method);
    }
  }

  private async speak(ctx: AudioContext, out: AudioNode, lang: Language, key: 'call.spoken' | 'recall.spoken', call: CallView): Promise<SpeechMethod> {
    const { clipsDisplayId } = this.settings;
    if (clipsDisplayId !== null && (await speakWithClips(ctx, out, clipsDisplayId, lang, clipNames(call.number, call.counterLabel, call.recall)))) {
      return 'clips';
    }
    if (await this.serverSpeech.speak(ctx, out, lang, key, call.number, call.counterLabel)) return 'server';
    const text = translate(lang, key, { number: speakableNumber(call.number), counter: call.counterLabel });
    if (await speakWithBrowser(text, lang, this.settings.volume)) return 'browser';
    return 'none';
  }

  close(): void {
    void this.ctx?.close();
    this.ctx = null;
    this.master = null;
  }
}
