import { useEffect, useRef, useState } from 'react';
import type { Language, VisitorStatus } from '@vuoro/server/protocol';
import { autonym, pick as localize } from './text';
import { alertCalled } from './callAlert';
import { useCatalog, type StatusKey } from './useCatalog';
import { cancelTicket, useVisitorStatus } from './useVisitorStatus';
import { FeedbackForm } from './FeedbackForm';
import { NotifyPanel } from './NotifyPanel';
import { REMOTE_TICKET_KEY, RemotePanel } from './RemotePanel';

type T = (key: StatusKey, params?: Record<string, string | number>) => string;

function tokenFromPath(): string {
  const m = /^\/t\/([^/?#]+)/.exec(window.location.pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

/** The entrance QR opens /arrive?code=…: on to this phone's remote ticket (stored by its status page), with the code. */
function arrivalTarget(): string | null {
  if (window.location.pathname !== '/arrive') return null;
  const code = new URLSearchParams(window.location.search).get('code') ?? '';
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(REMOTE_TICKET_KEY);
  } catch {
    stored = null;
  }
  return stored ? `/t/${encodeURIComponent(stored)}?entrance=${encodeURIComponent(code)}` : '';
}

/** The visitor's status page at /t/<token>: how long, and what happens now. */
export function StatusApp() {
  const [arrival] = useState(arrivalTarget);
  if (arrival !== null) return <Arrive target={arrival} />;
  return <TicketStatus />;
}

function Arrive({ target }: { target: string }) {
  const lang: Language = (['en', 'fi', 'sv', 'de', 'nl', 'fr'] as const).find((l) => navigator.language.toLowerCase().startsWith(l)) ?? 'en';
  const t = useCatalog(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    if (target) window.location.replace(target);
  }, [lang, target]);
  if (!t || target) return <main className="status" aria-busy="true" />;
  return (
    <main className="status">
      <h1>{t('remote.title')}</h1>
      <p role="alert">{t('remote.arriveNoTicket')}</p>
    </main>
  );
}

function TicketStatus() {
  const [token] = useState(tokenFromPath);
  const v = useVisitorStatus(token);
  const [chosen, setChosen] = useState<Language | null>(null);
  const lang: Language = chosen ?? v.status?.language ?? 'en';
  const t = useCatalog(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  if (!t) return <main className="status" aria-busy="true" />;
  if (v.notFound || !token) return <NotFound t={t} />;
  if (!v.status) return <main className="status" aria-busy="true" />;
  return <Ticket status={v.status} lang={lang} t={t} offline={v.offline} token={token} onLanguage={setChosen} onCancelled={v.replace} />;
}

function NotFound({ t }: { t: T }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('status.unknownTitle');
    heading.current?.focus();
  }, [t]);
  return (
    <main className="status">
      <h1 ref={heading} tabIndex={-1}>
        {t('status.unknownTitle')}
      </h1>
      <p>{t('status.unknownBody')}</p>
    </main>
  );
}

interface TicketProps {
  status: VisitorStatus;
  lang: Language;
  t: T;
  offline: boolean;
  token: string;
  onLanguage(lang: Language): void;
  onCancelled(status: VisitorStatus): void;
}

function Ticket({ status: s, lang, t, offline, token, onLanguage, onCancelled }: TicketProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const lastCall = useRef<string | null>(null);
  const called = s.state === 'called' && s.counter !== null;
  const stateText = t(`status.state.${s.state}` as StatusKey);

  useEffect(() => {
    document.title = called && s.counter ? `${s.number}: ${t('status.goTo', { counter: s.counter.label })}` : `${s.number} – ${stateText}`;
  }, [called, s.counter, s.number, stateText, t]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    const key = called ? `${s.counter?.id}-${s.recallCount}` : null;
    if (key && key !== lastCall.current) alertCalled();
    lastCall.current = key;
  }, [called, s.counter, s.recallCount]);

  const leave = async () => {
    const r = await cancelTicket(token);
    setConfirming(false);
    if (r) onCancelled(r);
    else setFailed(true);
  };
  const fallback = s.languages[0] ?? 'en';
  const prepare = s.service.prepare ? localize(s.service.prepare, lang, fallback) : '';
  const active = s.state === 'waiting' || s.state === 'called' || s.state === 'parked';

  return (
    <main className="status">
      <nav aria-label={t('common.language')} className="languages">
        <ul>
          {s.languages.map((l) => (
            <li key={l}>
              <button type="button" lang={l} aria-pressed={l === lang} onClick={() => onLanguage(l)}>
                {autonym(l)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <p className="hall">{localize(s.hallName, lang, fallback)}</p>
      <h1 ref={heading} tabIndex={-1} className="number-heading">
        <span className="label">{t('status.number')}</span>
        <span className="number">{s.number}</span>
      </h1>
      <div aria-live="assertive" aria-atomic="true" className="call-region">
        {called && s.counter ? (
          <div className="call" data-counter={s.counter.label}>
            <p className="go">{t('status.goTo', { counter: s.counter.label })}</p>
            {s.recallCount > 0 ? <p>{t('status.calledAgain')}</p> : null}
          </div>
        ) : null}
      </div>
      <dl className="facts">
        <dt>{t('status.service')}</dt>
        <dd>{localize(s.service.name, lang, fallback)}</dd>
        <dt>{t('status.state')}</dt>
        <dd data-state={s.state}>{stateText}</dd>
      </dl>
      {s.state === 'waiting' && s.position !== null ? (
        <div className="wait" aria-live="polite">
          <p>{t('status.ahead', { ahead: s.position })}</p>
          <p>
            {s.estimatedWaitMinutes === null
              ? t('status.noEstimate')
              : s.estimatedWaitMinutes === 0
                ? t('status.soon')
                : t('status.estimate', { minutes: s.estimatedWaitMinutes })}
          </p>
          {s.pastClosing ? (
            <p className="past-closing" data-testid="past-closing">
              {t('status.pastClosing')}
            </p>
          ) : null}
        </div>
      ) : null}
      <RemotePanel token={token} status={s} lang={lang} t={t} onChanged={onCancelled} />
      {s.state === 'waiting' || s.state === 'parked' ? <NotifyPanel token={token} lang={lang} t={t} /> : null}
      {s.state === 'cancelled' ? <p className="note">{t('status.cancelled')}</p> : null}
      {s.state === 'done' ? <p className="note">{t('status.finished')}</p> : null}
      {s.state === 'done' ? <FeedbackForm token={token} t={t} /> : null}
      {s.state === 'no-show' ? <p className="note">{t('status.noShow')}</p> : null}
      {offline ? <p className="note" role="status">{t('status.offline')}</p> : null}
      {prepare && active ? (
        <section aria-labelledby="prepare">
          <h2 id="prepare">{t('status.prepare')}</h2>
          <p>{prepare}</p>
        </section>
      ) : null}
      {s.messages.length > 0 ? (
        <section aria-labelledby="messages">
          <h2 id="messages">{t('status.messages')}</h2>
          <ul className="messages">
            {s.messages.map((m) => (
              <li key={m.id}>{localize(m.text, lang, fallback)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.state === 'waiting' || s.state === 'parked' ? (
        <section className="leave" aria-label={t('status.leave')}>
          {confirming ? (
            <div className="confirm-leave">
              <p id="leave-question">
                <strong>{t('status.leaveQuestion')}</strong>
              </p>
              <button type="button" className="danger" onClick={() => void leave()} aria-describedby="leave-question" autoFocus>
                {t('status.leaveYes')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('status.leaveNo')}
              </button>
            </div>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              {t('status.leave')}
            </button>
          )}
          {failed ? <p role="alert">{t('status.error')}</p> : null}
        </section>
      ) : null}
    </main>
  );
}
