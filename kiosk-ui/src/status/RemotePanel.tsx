import { useEffect, useRef, useState } from 'react';
import type { ErrorBody, Language, VisitorStatus } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import type { StatusKey } from './useCatalog';
import { BusyButton } from '../components/BusyButton.js';

type T = (key: StatusKey, params?: Record<string, string | number>) => string;

/** Where this phone keeps its remote ticket's token, so the entrance QR (/arrive?code=…) finds it. */
export const REMOTE_TICKET_KEY = 'vuoro.remoteTicket';

function entranceFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('entrance');
}

interface Props {
  token: string;
  status: VisitorStatus;
  lang: Language;
  t: T;
  onChanged(status: VisitorStatus): void;
}

/**
 * A ticket taken from home: held until its holder checks in. Shows the arrival code for the kiosk, "I'm here" when
 * the hall's network is set, and, once its turn has come, until when the place is kept.
 */
export function RemotePanel({ token, status, lang, t, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scanned = useRef(false);
  const r = status.remote;
  const held = r?.held === true && status.state === 'waiting';
  const here = async (entrance?: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(path('visitorHere', { token }), {
        method: 'POST',
        ...(entrance ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entrance }) } : {}),
      });
      if (res.ok) onChanged((await res.json()) as VisitorStatus);
      else if (res.status === 403 || res.status === 422) setError(t(entrance ? 'remote.entranceWrong' : 'remote.notInHall', { code: r?.arrivalCode ?? '' }));
      else setError(((await res.json()) as ErrorBody).error.message);
    } catch {
      setError(t('status.error'));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (!held) return;
    try {
      localStorage.setItem(REMOTE_TICKET_KEY, token);
    } catch {
      // storage refused (private mode): the entrance QR then asks to open the ticket's page first
    }
    // Opened from the entrance QR (/arrive → /t/<token>?entrance=…): check in once, and drop the code from the address.
    const entrance = entranceFromUrl();
    if (entrance && !scanned.current) {
      scanned.current = true;
      window.history.replaceState(null, '', window.location.pathname + window.location.hash);
      void here(entrance);
    }
  }, [held, token]);
  if (!r || status.state !== 'waiting') return null;
  if (!r.held) return <p className="note">{t('remote.checkedIn')}</p>;
  // In the hall's time zone: a visitor travelling in, or a phone set to another zone, sees the hall's clock time.
  const time = (at: number) => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: r.timeZone }).format(at);
  return (
    <section className="remote" aria-labelledby="remote-title">
      <h2 id="remote-title">{t('remote.title')}</h2>
      {r.expiresAt !== null ? (
        <p className="error" role="alert">
          {t('remote.skipped', { time: time(r.expiresAt) })}
        </p>
      ) : (
        <p>{t('remote.held')}</p>
      )}
      <p>
        {t('remote.codeIntro')} <strong className="arrival-code">{r.arrivalCode}</strong>
      </p>
      {r.canSayHere ? (
        <BusyButton type="button" className="primary" busy={busy} onClick={() => void here()}>
          {t('remote.here')}
        </BusyButton>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
