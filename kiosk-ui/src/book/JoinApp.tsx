import { useEffect, useRef, useState } from 'react';
import type { Language } from '@vuoro/server/protocol';
import { pick } from '../status/text';
import { useCatalog } from '../status/useCatalog';
import { remoteApi } from './api';
import { LanguageNav, NotReady, useDocumentLanguage, useHallAndServices } from './pageParts';

/**
 * Joining a queue from home (`/join`): choose a service whose queue is open to remote joining, confirm, and go to the
 * ticket's status page, which shows the arrival code for the kiosk and, on the hall's network, "I'm here".
 */
export function JoinApp({ initialLang }: { initialLang: Language | null }) {
  const { hall, services, failed } = useHallAndServices(remoteApi.services);
  const [lang, setLang] = useState<Language | null>(initialLang);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const current: Language = lang ?? hall?.hall.defaultLanguage ?? 'en';
  const t = useCatalog(current);

  useDocumentLanguage(current);
  useEffect(() => {
    if (t) document.title = t('join.title');
    heading.current?.focus();
  }, [t, services]);
  useEffect(() => {
    if (error) errorBox.current?.focus();
  }, [error]);

  if (!t || failed || !hall || !services) return <NotReady t={t} failed={failed} />;
  const fallback = hall.hall.defaultLanguage;
  const open = services.filter((s) => s.state === 'open');
  const join = async () => {
    if (!choice) {
      setError(t('book.error.service'));
      return;
    }
    setBusy(true);
    const r = await remoteApi.join(choice, current);
    setBusy(false);
    if (r.ok) {
      window.location.assign(`${r.data.ticket.statusPath}`);
      return;
    }
    setError(r.status === 429 ? t('book.error.tooMany') : r.status === 0 ? t('book.error.offline') : r.message);
  };
  return (
    <main className="status book">
      <LanguageNav t={t} languages={hall.hall.languages} current={current} onLanguage={setLang} />
      <p className="hall">{pick(hall.hall.name, current, fallback)}</p>
      <h1 ref={heading} tabIndex={-1}>
        {t('join.title')}
      </h1>
      {error ? (
        <div className="error-summary" ref={errorBox} tabIndex={-1} aria-labelledby="join-error-title">
          <div role="alert">
            <h2 id="join-error-title">{t('book.error.title')}</h2>
            <p>
              <a href="#service">{error}</a>
            </p>
          </div>
        </div>
      ) : null}
      <p>{t('join.intro')}</p>
      {open.length === 0 ? (
        <p className="note">{t('join.none')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void join();
          }}
        >
          <fieldset id="service" className={error ? 'field-error' : undefined}>
            <legend className="visually-hidden">{t('join.title')}</legend>
            <ul className="choices">
              {open.map((s) => (
                <li key={s.id}>
                  <label className="choice">
                    <input type="radio" name="service" value={s.id} checked={choice === s.id} onChange={() => setChoice(s.id)} />
                    <span>
                      {pick(s.name, current, fallback)}
                      <span className="hint">
                        {s.estimatedWaitMinutes === null ? t('status.noEstimate') : t('status.estimate', { minutes: s.estimatedWaitMinutes })}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p className="hint">{t('join.howItWorks')}</p>
          <button type="submit" className="primary" disabled={busy} id="join">
            {t('join.button')}
          </button>
        </form>
      )}
    </main>
  );
}

