import { Router } from 'express';
import path from 'node:path';
import { DomainError } from '../domain/index.js';
import type { Services } from '../services/index.js';
import { EspeakRenderer, SpeechUnavailableError } from './espeakRenderer.js';
import { SpeechCatalogs } from './speechCatalog.js';
import { parseSpeechQuery, speechText } from './speechQuery.js';
import { SpeechVoices } from './speechVoices.js';

export interface SpeechRouterOptions {
  repoRoot: string;
  dataDir: string;
  /** espeak-ng executable; absent = "espeak-ng" on PATH. */
  espeak: string | undefined;
  log: (msg: string, err?: unknown) => void;
}

/**
 * GET /speech?app=kiosk|display&lang=&key=&number=&counter=&service=&minutes=&ahead=&interpreter=
 * → 200 audio/wav. Only the apps' catalog texts with validated parameters are ever spoken.
 * 400 bad parameter, 404 unknown key, 503 `speech_unavailable` when espeak-ng is missing (the screens then use the
 * browser's speech synthesis).
 */
export function speechRouter(s: Services, opts: SpeechRouterOptions): Router {
  const r = Router();
  const catalogs = new SpeechCatalogs(opts.repoRoot);
  const voices = new SpeechVoices(path.join(opts.dataDir, 'speech-voices.json'), opts.log);
  const renderer = new EspeakRenderer({
    executable: opts.espeak ?? 'espeak-ng',
    cacheDir: path.join(opts.dataDir, 'speech-cache'),
  });

  r.get('/speech', async (req, res) => {
    const query = parseSpeechQuery(req.query);
    const { lang, text } = await speechText(query, catalogs, s.hall.current().visitorConfig);
    let wav: Buffer;
    try {
      wav = await renderer.render(await voices.voiceFor(lang), text);
    } catch (err) {
      if (err instanceof SpeechUnavailableError) throw new DomainError('speech_unavailable', err.message);
      throw err;
    }
    // The server keeps the audio; the screen asks again each time so that a repeat is heard (and seen in logs).
    res.setHeader('Cache-Control', 'no-cache');
    res.type('audio/wav').send(wav);
  });

  return r;
}
