import { Router } from 'express';
import path from 'node:path';
import { DomainError } from '../domain/index.js';
import { ClientRate } from '../http/clientRate.js';
import type { Services } from '../services/index.js';
import { routesOn } from '../http/routeTable.js';
import { EspeakRenderer, SpeechBusyError, SpeechUnavailableError } from './espeakRenderer.js';
import { SpeechCatalogs } from './speechCatalog.js';
import { parseSpeechQuery, speechText } from './speechQuery.js';
import { SpeechVoices } from './speechVoices.js';

export interface SpeechRouterOptions {
  repoRoot: string;
  dataDir: string;
  /** espeak-ng executable; absent = "espeak-ng" on PATH. */
  espeak: string | undefined;
  /** The cache's bounds and the requests one client address may make a minute. */
  limits: { cacheBytes: number; cacheFiles: number; perMinute: number };
  /** A clock that never jumps, for the per-client rate. */
  monotonic: () => number;
  log: (msg: string, err?: unknown) => void;
}

/** How long a screen is told to wait when too many prompts are waiting to be rendered. */
const BUSY_RETRY_SECONDS = 5;

/**
 * GET /speech?app=kiosk|display&lang=&key=&number=&counter=&service=&minutes=&ahead=&interpreter=
 * → 200 audio/wav. Only the apps' catalog texts with validated parameters are ever spoken: a language the hall offers,
 * a key the screen speaks, a number issued today, a counter and a service of the hall.
 * 400 bad parameter, 404 unknown key, 429 (with Retry-After) past the per-client rate, 503 `speech_unavailable` when
 * espeak-ng is missing or too many prompts wait (the screens then use the browser's speech synthesis).
 * A display's calls are rendered before kiosk prompts.
 */
export function speechRouter(s: Services, opts: SpeechRouterOptions): Router {
  const r = Router();
  const on = routesOn(r, null);
  const catalogs = new SpeechCatalogs(opts.repoRoot);
  const voices = new SpeechVoices(path.join(opts.dataDir, 'speech-voices.json'), opts.log);
  const renderer = new EspeakRenderer({
    executable: opts.espeak ?? 'espeak-ng',
    cacheDir: path.join(opts.dataDir, 'speech-cache'),
    cacheLimits: { maxBytes: opts.limits.cacheBytes, maxFiles: opts.limits.cacheFiles },
    log: opts.log,
  });
  const perClient = new ClientRate(opts.limits.perMinute, opts.monotonic);
  // Speech problems are logged once a minute with a count, never once per request (a flood would fill the log).
  const reported = new Map<string, { at: number; count: number }>();
  const report = (kind: 'busy' | 'unavailable', message: string) => {
    const now = opts.monotonic();
    const r = reported.get(kind);
    if (r && now - r.at < 60_000) {
      r.count += 1;
      return;
    }
    const more = r && r.count > 0 ? ` (${r.count} more since the last report)` : '';
    reported.set(kind, { at: now, count: 0 });
    opts.log(
      kind === 'busy'
        ? `speech: prompts refused, the render queue is full; the screens use the browser's voice for them${more}`
        : `speech: ${message}; the screens use the browser's voice meanwhile${more}`,
    );
  };
  const day = { numberIssued: (n: string) => s.tickets.issuedToday(n), issuedCount: () => s.tickets.issuedTodayCount() };

  on('speech', async (req, res) => {
    const rate = perClient.take(req.ip ?? 'unknown');
    if (!rate.ok) {
      res.setHeader('Retry-After', String(rate.retryAfterSeconds));
      throw new DomainError('too_many_requests', `This screen may ask for ${perClient.perMinute} spoken prompts a minute. Try again in ${rate.retryAfterSeconds} s.`, {
        retryAfterSeconds: rate.retryAfterSeconds,
      });
    }
    const query = parseSpeechQuery(req.query);
    const { lang, text } = await speechText(query, catalogs, s.hall.current().visitorConfig, day);
    let wav: Buffer;
    try {
      wav = await renderer.render(await voices.voiceFor(lang), text, query.app === 'display' ? 'call' : 'prompt');
    } catch (err) {
      if (err instanceof SpeechUnavailableError) {
        const busy = err instanceof SpeechBusyError;
        if (busy) res.setHeader('Retry-After', String(BUSY_RETRY_SECONDS));
        report(busy ? 'busy' : 'unavailable', err.message);
        throw new DomainError('speech_unavailable', err.message);
      }
      throw err;
    }
    // The server keeps the audio; the screen asks again each time so that a repeat is heard (and seen in logs).
    res.setHeader('Cache-Control', 'no-cache');
    res.type('audio/wav').send(wav);
  });

  return r;
}
