import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { Language } from '../protocol/index.js';

/** espeak-ng's own voices for the six languages; they come with the Debian package. */
export const DEFAULT_VOICES: Readonly<Record<Language, string>> = {
  en: 'en-gb',
  fi: 'fi',
  sv: 'sv',
  de: 'de',
  nl: 'nl',
  fr: 'fr-fr',
};

const VoiceFile = z.partialRecord(Language, z.string().regex(/^[A-Za-z0-9_+-]{1,40}$/, 'an espeak-ng voice name'));

/**
 * Voices per language: the defaults, overridden by `<dataDir>/speech-voices.json` (e.g. `{"fr": "mb-fr1"}` once
 * the mbrola voice is installed). Re-read when the file changes; an invalid file is ignored, with a log line.
 */
export class SpeechVoices {
  private mtimeMs = -1;
  private voices: Record<Language, string> = { ...DEFAULT_VOICES };

  constructor(
    private readonly file: string,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  async voiceFor(lang: Language): Promise<string> {
    await this.refresh();
    return this.voices[lang];
  }

  private async refresh(): Promise<void> {
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(this.file)).mtimeMs;
    } catch {
      this.mtimeMs = -1;
      this.voices = { ...DEFAULT_VOICES };
      return;
    }
    if (mtimeMs === this.mtimeMs) return;
    this.mtimeMs = mtimeMs;
    try {
      const parsed = VoiceFile.parse(JSON.parse(await readFile(this.file, 'utf8')));
      this.voices = { ...DEFAULT_VOICES, ...parsed };
    } catch (err) {
      this.log(`ignoring ${this.file}: not a valid voice list`, err);
      this.voices = { ...DEFAULT_VOICES };
    }
  }
}
