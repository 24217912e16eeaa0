import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CallView, Language, PublicSnapshot } from '@vuoro/server/protocol';
import { pickText, translate, translatorFor } from './i18n/catalog.js';
import { useAnnouncements } from './hooks/useAnnouncements.js';
import { useQueueSocket } from './hooks/useQueueSocket.js';
import { useReloadWhenQuiet } from './hooks/useReloadWhenQuiet.js';
import { profileOf, showsCall, visibleMessages } from './state/boardView.js';
import { Clock } from './components/Clock.js';
import { CounterBoard } from './components/CounterBoard.js';
import { HallBoard } from './components/HallBoard.js';
import { MessageRotator } from './components/MessageRotator.js';
import { StatusBar } from './components/StatusBar.js';

const NO_LANGUAGES: readonly Language[] = [];
/** After an upgrade the board reloads once no number has been called for this long (the last call was read out). */
const QUIET_AFTER_CALL_MS = 20_000;

/** The waiting-room board for one display profile (`?id=`), or the whole hall without one. */
export function App({ displayId }: { displayId: string | null }) {
  const [liveText, setLiveText] = useState('');
  const announceRef = useRef<(calls: readonly CallView[]) => void>(() => undefined);

  const onCalls = useCallback((calls: CallView[], snap: PublicSnapshot) => {
    const shown = calls.filter((c) => showsCall(profileOf(snap.display), c));
    const last = shown[shown.length - 1];
    if (!last) return;
    const params = { number: last.number, counter: last.counterLabel };
    setLiveText(translate(snap.hall.defaultLanguage, last.recall ? 'announce.recall' : 'announce.call', params));
    announceRef.current(shown);
  }, []);
  const state = useQueueSocket(displayId, onCalls);
  useReloadWhenQuiet(state.newVersion, () => Date.now() - state.lastCallAt >= QUIET_AFTER_CALL_MS);
  const snapshot = state.snapshot;
  const profile = useMemo(() => profileOf(snapshot?.display ?? null), [snapshot?.display]);
  const lang = snapshot?.hall.defaultLanguage ?? 'en';

  const sound = useAnnouncements({
    // No audio context before the profile is known: a silent profile never asks for one.
    enabled: snapshot !== null && profile.sound.enabled,
    volume: profile.sound.volume,
    clipsDisplayId: profile.sound.clips !== null ? profile.id : null,
    defaultLanguage: lang,
    languages: snapshot?.hall.languages ?? NO_LANGUAGES,
  });
  announceRef.current = sound.announce;

  const t = translatorFor(lang);
  const hallName = snapshot ? pickText(snapshot.hall.name, lang, 'en') : '';
  const profileName = snapshot?.display?.name;
  useEffect(() => {
    document.documentElement.lang = lang;
    const what = profileName ?? translate(lang, 'page.title');
    document.title = hallName ? `${what} – ${hallName}` : what;
  }, [hallName, lang, profileName]);

  const layout = profile.layout;
  return (
    <div className={`board board--${layout}`} data-layout={layout} data-sound={sound.lastMethod ?? ''}>
      <header className="board__header">
        <h1 className="board__title">{hallName || t('page.title')}</h1>
        <StatusBar connection={snapshot ? state.connection : 'connecting'} sound={sound} t={t} />
        {snapshot && <Clock timeZone={snapshot.hall.timeZone} lang={lang} label={t('clock.label')} />}
      </header>
      <main className="board__main">
        {state.error ? (
          <p className="board__error" role="alert">
            {state.error.code === 'not_found' ? t('page.unknownDisplay') : state.error.message}
          </p>
        ) : snapshot === null ? (
          <p className="board__loading">{t('page.connecting')}</p>
        ) : layout === 'counter' ? (
          <CounterBoard profile={profile} snapshot={snapshot} calls={state.calls} t={t} />
        ) : (
          <HallBoard profile={profile} snapshot={snapshot} calls={state.calls} t={t} />
        )}
      </main>
      {snapshot && layout !== 'counter' && (
        <footer className="board__footer">
          <MessageRotator
            messages={visibleMessages(profile, snapshot.messages)}
            announcement={snapshot.announcement}
            languages={snapshot.hall.languages}
            defaultLanguage={lang}
            title={t('messages.title')}
          />
        </footer>
      )}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {liveText}
      </div>
    </div>
  );
}
