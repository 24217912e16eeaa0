import { useEffect, useRef, useState } from 'react';
import type { Language } from '@vuoro/server/protocol';
import { pick } from '../status/text';
import { useCatalog } from '../status/useCatalog';
import { remoteApi } from './api';
import { Choices, ErrorSummary } from './formParts';
import { LanguageNav, NotReady, useDocumentLanguage, useHallAndServices } from './pageParts';
import { BusyButton } from '../components/BusyButton.js';

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
  const current: Language = lang ?? hall?.hall.defaultLanguage ?? 'en';
  const t = useCatalog(current);

  useDocumentLanguage(current);
  useEffect(() => {
    if (t) document.title = t('join.title');
    heading.current?.focus();
  }, [t, services]);

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
      {error ? <ErrorSummary t={t} text={error} field="service" /> : null}
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
            <Choices
              name="service"
              choices={open.map((s) => ({
                value: s.id,
                label: pick(s.name, current, fallback),
                hint: s.estimatedWaitMinutes === null ? t('status.noEstimate') : t('status.estimate', { minutes: s.estimatedWaitMinutes }),
              }))}
              value={choice}
              onChange={setChoice}
            />
          </fieldset>
          <p className="hint">{t('join.howItWorks')}</p>
          <BusyButton type="submit" className="primary" busy={busy} id="join">
            {t('join.button')}
          </BusyButton>
        </form>
      )}
    </main>
  );
}

