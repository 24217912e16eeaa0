import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CODE_ALPHABET, type CheckInResult, type ErrorBody, type Language, type PrintResult } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import type { MessageKey, Translate } from '../i18n/catalogs';
import { useScreen } from '../hooks/useScreen';
import { credentialHeader } from '../hooks/kioskCredential';
import { speakAttr } from '../speech/speakAttr';
import { QrCode } from './QrCode';
import { BusyButton } from './BusyButton.js';

interface Props {
  t: Translate;
  lang: Language;
  kioskId: string | undefined;
  publicUrl: string | null;
  timeZone: string;
  /** Take a walk-in ticket of this service instead (a lapsed appointment of a service that takes walk-ins). */
  onWalkIn(serviceId: string): void;
  onDone(): void;
}

const PRINT_KEY: Record<PrintResult['status'], MessageKey> = {
  printed: 'confirm.printed',
  failed: 'confirm.printFailed',
  'no-printer': 'confirm.noPrinter',
  repeat: 'confirm.printRepeat',
};

type Outcome = { kind: 'entry' } | { kind: 'result'; result: CheckInResult };

const CODE_LENGTH = 10;

/**
 * "I have an appointment": the booking code typed on the on-screen keys or on a keyboard, or scanned by a hand
 * scanner (which types it and presses Enter). Then: the ticket (checked in), when to come back (too early), or the
 * offer of a walk-in ticket (too late).
 */
export function AppointmentScreen({ t, lang, kioskId, publicUrl, timeZone, onWalkIn, onDone }: Props) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'entry' });
  if (outcome.kind === 'result') {
    return <CheckInAnswer result={outcome.result} t={t} lang={lang} publicUrl={publicUrl} timeZone={timeZone} onWalkIn={onWalkIn} onDone={onDone} />;
  }
  return <CodeEntry t={t} kioskId={kioskId} onResult={(result) => setOutcome({ kind: 'result', result })} onDone={onDone} />;
}

function CodeEntry({ t, kioskId, onResult, onDone }: { t: Translate; kioskId: string | undefined; onResult(r: CheckInResult): void; onDone(): void }) {
  const heading = useScreen<HTMLHeadingElement>(`${t('appointment.title')} – ${t('app.title')}`, 'appointment-entry');
  const input = useRef<HTMLInputElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clean = code.toUpperCase().replace(/[\s-]/g, '');
  // The field takes focus after the heading's (a hand scanner types into whatever has focus; its label is read out).
  useEffect(() => {
    input.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    if (error) errorBox.current?.focus();
  }, [error]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (clean.length !== CODE_LENGTH || [...clean].some((ch) => !CODE_ALPHABET.includes(ch))) {
      setError(t('appointment.error.format'));
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(path('checkIn', {}), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...credentialHeader() },
        body: JSON.stringify({ code: clean, ...(kioskId ? { kioskId } : {}) }),
      });
      if (res.ok) {
        onResult((await res.json()) as CheckInResult);
        return;
      }
      const err = ((await res.json()) as ErrorBody).error;
      setError(
        res.status === 404
          ? t('appointment.error.unknown')
          : res.status === 429
            ? t('appointment.error.tooMany')
            : err.code === 'invalid_transition'
              ? t('appointment.error.cancelled')
              : t('appointment.error.other'),
      );
    } catch {
      setError(t('appointment.error.other'));
    } finally {
      setBusy(false);
    }
  };

  const press = (ch: string) => {
    setError(null);
    setCode((c) => (c.replace(/[\s-]/g, '').length >= CODE_LENGTH ? c : c + ch));
    input.current?.focus({ preventScroll: true });
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: 'appointment.title' })}>
        {t('appointment.title')}
      </h1>
      <p className="intro">{t('appointment.intro')}</p>
      {error ? (
        <div className="error-summary" tabIndex={-1} ref={errorBox}>
          <p role="alert">{error}</p>
        </div>
      ) : null}
      <form className="code-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="booking-code" className="code-label">
          {t('appointment.codeLabel')}
        </label>
        <input
          id="booking-code"
          ref={input}
          className="code-input"
          type="text"
          inputMode="none"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          value={code}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setError(null);
            setCode(e.target.value);
          }}
        />
        <div className="code-keys" role="group" aria-label={t('appointment.keys')}>
          {[...CODE_ALPHABET].map((ch) => (
            <button key={ch} type="button" className="code-key" onClick={() => press(ch)}>
              {ch}
            </button>
          ))}
          <button type="button" className="code-key code-key-wide" onClick={() => setCode((c) => c.slice(0, -1))} {...speakAttr({ key: 'appointment.delete' })}>
            {t('appointment.delete')}
          </button>
        </div>
        <div className="actions">
          <button type="button" onClick={onDone} {...speakAttr({ key: 'common.back' })}>
            {t('common.back')}
          </button>
          <BusyButton type="submit" className="primary" busy={busy} {...speakAttr({ key: 'appointment.checkIn' })}>
            {t('appointment.checkIn')}
          </BusyButton>
        </div>
      </form>
    </>
  );
}

function CheckInAnswer(props: {
  result: CheckInResult;
  t: Translate;
  lang: Language;
  publicUrl: string | null;
  timeZone: string;
  onWalkIn(serviceId: string): void;
  onDone(): void;
}) {
  const { result: r, t, lang, timeZone } = props;
  const time = (at: number) => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
  const title =
    r.kind === 'checked-in' || r.kind === 'remote-checked-in'
      ? t('appointment.checkedIn.title')
      : r.kind === 'too-early'
        ? t('appointment.early.title')
        : t('appointment.late.title');
  const heading = useScreen<HTMLHeadingElement>(`${title} – ${t('app.title')}`, `appointment-${r.kind}`);
  const done = (
    <button type="button" className={r.kind === 'too-late' && r.walkInOffered ? undefined : 'primary'} onClick={props.onDone} {...speakAttr({ key: 'confirm.done' })}>
      {t('confirm.done')}
    </button>
  );
  if (r.kind === 'checked-in') {
    const statusUrl = `${(props.publicUrl ?? window.location.origin).replace(/\/+$/, '')}${r.ticket.statusPath}`;
    return (
      <>
        <h1 ref={heading} tabIndex={-1} className="ticket-heading" data-checked-in={r.ticket.number}>
          <span className="ticket-label">{title}</span>
          <span className="ticket-number">{r.ticket.number}</span>
        </h1>
        <div className="confirm">
          <div className="confirm-facts">
            <p className="fact">{t('appointment.checkedIn.at', { time: r.appointment.time })}</p>
            <p className="fact">{r.ticket.late ? t('appointment.checkedIn.late') : t('appointment.checkedIn.body')}</p>
            {r.print ? (
              <p className={r.print.status === 'printed' ? 'print-note' : 'print-note warning'} role="status" data-print={r.print.status}>
                {r.print.status === 'printed' ? null : <span aria-hidden="true">⚠ </span>}
                {t(PRINT_KEY[r.print.status])}
              </p>
            ) : null}
          </div>
          <figure className="qr-box">
            <QrCode value={statusUrl} label={t('confirm.qr')} />
            <figcaption>{t('confirm.qr')}</figcaption>
          </figure>
        </div>
        <div className="actions">{done}</div>
      </>
    );
  }
  if (r.kind === 'remote-checked-in') {
    return (
      <>
        <h1 ref={heading} tabIndex={-1} className="ticket-heading" data-checked-in={r.ticket.number}>
          <span className="ticket-label">{title}</span>
          <span className="ticket-number">{r.ticket.number}</span>
        </h1>
        <p className="fact">{t('appointment.remote.body')}</p>
        <div className="actions">{done}</div>
      </>
    );
  }
  if (r.kind === 'too-early') {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p className="fact" data-come-back={r.comeBackAt}>
          {t('appointment.early.body', { time: r.appointment.time, from: time(r.comeBackAt) })}
        </p>
        <div className="actions">{done}</div>
      </>
    );
  }
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="fact">{t('appointment.late.body', { time: r.appointment.time })}</p>
      <p className="fact">{r.walkInOffered ? t('appointment.late.walkIn') : t('appointment.late.askStaff')}</p>
      <div className="actions">
        {done}
        {r.walkInOffered ? (
          <button type="button" className="primary" onClick={() => props.onWalkIn(r.appointment.serviceId)} {...speakAttr({ key: 'appointment.late.takeTicket' })}>
            {t('appointment.late.takeTicket')}
          </button>
        ) : null}
      </div>
    </>
  );
}
