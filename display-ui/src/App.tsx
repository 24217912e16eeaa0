import { useCallback, useEffect, useState } from 'react';
import type { CallView } from '@vuoro/server/protocol';
import { pickText, translate, translatorFor } from './i18n/catalog.js';
import { useAnnouncements } from './hooks/useAnnouncements.js';
import { useQueueSocket } from './hooks/useQueueSocket.js';
import { profileOf, showsCall } from './state/boardView.js';
import { Clock } from './components/Clock.js';
import { CounterBoard } from './components/CounterBoard.js';
import { HallBoard } from './components/HallBoard.js';
import { MessageRotator } from './components/MessageRotator.js';
import { StatusBar } from './components/StatusBar.js';

/** The waiting-room board for one display profile (`?id=`), or the whole hall without one. */
export function App({ displayId }: { displayId: string | null }) {
  const [liveText, setLiveText] = useState('');
  const [profileState, setProfileState] = useState(() => profileOf(null));
  const [hall, setHall] = useState<{ lang: CallView['language']; languages: CallView['language'][]; known: boolean }>({
    lang: 'en',
    languages: ['en'],
    known: false,
  });
  const sound = useAnnouncements({
    // No audio context before the profile is known: a silent profile never asks for one.
    enabled: hall.known && profileState.sound.enabled,
    volume: profileState.sound.volume,
    clipsBase: profileState.sound.clips !== null && profileState.id !== null ? `/api/v1/displays/${encodeURIComponent(profileState.id)}/clips` : null,
    defaultLanguage: hall.lang,
    languages: hall.languages,
  });

  const onCalls = useCallback(
    (calls: CallView[]) => {
      const shown = calls.filter((c) => showsCall(profileState, c));
      const last = shown[shown.length - 1];
      if (!last) return;
      const params = { number: last.number, counter: last.counterLabel };
      setLiveText(translate(hall.lang, last.recall ? 'announce.recall' : 'announce.call', params));
      sound.announce(shown);
    },
    [profileState, hall.lang, sound],
  );
  const state = useQueueSocket(displayId, onCalls);
  const snapshot = state.snapshot;

  useEffect(() => {
    if (!snapshot) return;
    setProfileState(profileOf(snapshot.display));
    setHall({ lang: snapshot.hall.defaultLanguage, languages: snapshot.hall.languages, known: true });
  }, [snapshot?.display, snapshot?.hall]);

  const t = translatorFor(hall.lang);
  const hallName = snapshot ? pickText(snapshot.hall.name, hall.lang, 'en') : '';
  useEffect(() => {
    document.documentElement.lang = hall.lang;
    const what = snapshot?.display?.name ?? t('page.title');
    document.title = hallName ? `${what} – ${hallName}` : t('page.title');
  }, [hallName, hall.lang, snapshot?.display?.name]);

  const layout = profileState.layout;
  return (
    <div className={`board board--${layout}`} data-layout={layout} data-sound={sound.lastMethod ?? ''}>
      <header className="board__header">
        <h1 className="board__title">{hallName || t('page.title')}</h1>
        <StatusBar connection={snapshot ? state.connection : 'connecting'} sound={sound} t={t} />
        {snapshot && <Clock timeZone={snapshot.hall.timeZone} lang={hall.lang} label={t('clock.label')} />}
      </header>
      <main className="board__main">
        {state.error ? (
          <p className="board__error" role="alert">
            {state.error.code === 'not_found' ? t('page.unknownDisplay') : state.error.message}
          </p>
        ) : snapshot === null ? (
          <p className="board__loading">{t('page.connecting')}</p>
        ) : layout === 'counter' ? (
          <CounterBoard profile={profileState} snapshot={snapshot} calls={state.calls} t={t} />
        ) : (
          <HallBoard profile={profileState} snapshot={snapshot} calls={state.calls} t={t} />
        )}
      </main>
      {snapshot && layout !== 'counter' && (
        <footer className="board__footer">
          <MessageRotator
            messages={snapshot.messages}
            announcement={snapshot.announcement}
            languages={snapshot.hall.languages}
            defaultLanguage={hall.lang}
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
