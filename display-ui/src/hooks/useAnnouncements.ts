import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallView, Language } from '@vuoro/server/protocol';
import { AnnouncementQueue } from '../audio/announcementQueue.js';
import { CallAnnouncer, type AnnouncerSettings, type SpeechMethod } from '../audio/callAnnouncer.js';

export interface SoundControl {
  /** Sound is on for this profile. */
  enabled: boolean;
  /** The browser blocks audio until someone clicks "enable sound". */
  blocked: boolean;
  enable(): void;
  /** Queues calls for the chime and speech, in order. */
  announce(calls: readonly CallView[]): void;
  lastMethod: SpeechMethod | null;
}

export interface SoundSettings {
  enabled: boolean;
  volume: number;
  clipsDisplayId: string | null;
  defaultLanguage: Language;
  languages: readonly Language[];
}

/** Owns the display's one AudioContext and one announcement queue for as long as the board is mounted. */
export function useAnnouncements(s: SoundSettings): SoundControl {
  const [blocked, setBlocked] = useState(false);
  const [lastMethod, setLastMethod] = useState<SpeechMethod | null>(null);
  const ref = useRef<{ announcer: CallAnnouncer; queue: AnnouncementQueue } | null>(null);
  const settings: AnnouncerSettings = { volume: s.volume, clipsDisplayId: s.clipsDisplayId, defaultLanguage: s.defaultLanguage, languages: s.languages };
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => {
    if (!s.enabled) return;
    const announcer = new CallAnnouncer(settingsRef.current, setLastMethod);
    const queue = new AnnouncementQueue(announcer, { onError: (err) => console.warn('announcement failed', err) });
    ref.current = { announcer, queue };
    const ctx = announcer.context();
    const check = () => setBlocked(ctx.state !== 'running');
    ctx.addEventListener('statechange', check);
    check();
    // Some browsers start the context a moment later even when autoplay is allowed.
    const recheck = setTimeout(check, 1_000);
    return () => {
      clearTimeout(recheck);
      ctx.removeEventListener('statechange', check);
      queue.dispose();
      announcer.close();
      ref.current = null;
    };
  }, [s.enabled]);

  useEffect(() => {
    ref.current?.announcer.update(settings);
  }, [settings.volume, settings.clipsDisplayId, settings.defaultLanguage, settings.languages]);

  const enable = useCallback(() => {
    void ref.current?.announcer.unlock().then((ok) => setBlocked(!ok));
  }, []);

  const announce = useCallback((calls: readonly CallView[]) => {
    const q = ref.current?.queue;
    if (!q) return;
    for (const c of calls) q.enqueue(c);
  }, []);

  return { enabled: s.enabled, blocked: s.enabled && blocked, enable, announce, lastMethod };
}
