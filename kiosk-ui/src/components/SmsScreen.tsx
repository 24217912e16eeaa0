import { useEffect, useRef, useState } from 'react';
import type { IssueTicketResponse, Language, NotifyOptionsView } from '@vuoro/server/protocol';
import type { MessageKey, Translate } from '../i18n/catalogs';
import { useScreen } from '../hooks/useScreen';
import { speakAttr } from '../speech/speakAttr';
import { credentialHeader } from '../hooks/kioskCredential';

/** "N people ahead" the kiosk asks for: close enough to come back, far enough to make it (the `sms.intro` texts say 2). */
export const KIOSK_AHEAD = 2;
const MAX_LENGTH = 20;
const KEYS: readonly { key: string; speak: MessageKey }[] = [
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => ({ key: d, speak: `sms.key${d}` as MessageKey })),
  { key: '+', speak: 'sms.plus' },
  { key: '0', speak: 'sms.key0' },
];

interface Props {
  issued: IssueTicketResponse;
  lang: Language;
  t: Translate;
  onSaved(masked: string): void;
  onBack(): void;
}

/**
 * At the kiosk: "text me when it is my turn". The number is typed on an on-screen keypad (or a keyboard), sent once
 * for this ticket (when {KIOSK_AHEAD} are ahead and when called), and never read aloud in speech mode: only the keys are.
 */
export function SmsScreen({ issued, lang, t, onSaved, onBack }: Props) {
  const heading = useScreen<HTMLHeadingElement>(`${t('sms.title')} – ${t('app.title')}`, `sms-${lang}`);
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<'errorPhone' | 'error' | null>(null);
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (problem) alert.current?.focus();
  }, [problem]);

  const press = (key: string) => setNumber((n) => (n.length >= MAX_LENGTH ? n : key === '+' && n.length > 0 ? n : n + key));
  const send = async () => {
    if (busy) return;
    if (number.replace(/\D/g, '').length < 6) return setProblem('errorPhone');
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/tickets/status/${encodeURIComponent(issued.ticket.statusToken)}/notify`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...credentialHeader() },
        body: JSON.stringify({ channel: 'sms', address: number, ahead: KIOSK_AHEAD, onCall: true, language: lang }),
      });
      if (res.ok) {
        const options = (await res.json()) as NotifyOptionsView;
        onSaved(options.contacts.find((c) => c.channel === 'sms')?.masked ?? '');
        return;
      }
      setProblem(res.status === 422 ? 'errorPhone' : 'error');
    } catch {
      setProblem('error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: 'sms.title' }, { key: 'sms.intro' })}>
        {t('sms.title')}
      </h1>
      <p className="intro" id="sms-intro">
        {t('sms.intro')}
      </p>
      {/* The space for an error is kept, so the screen's fitted layout does not change when one appears. */}
      <div className="sms-problem" role="alert">
        {problem ? (
          <p className="error-summary" ref={alert} tabIndex={-1} id="sms-error" {...speakAttr({ key: problem === 'error' ? 'status.error' : 'notify.errorPhone' })}>
            {t(problem === 'error' ? 'status.error' : 'notify.errorPhone')}
          </p>
        ) : null}
      </div>
      <form
        className="sms-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        noValidate
      >
        <label htmlFor="sms-number" className="sms-label">
          {t('notify.smsLabel')}
        </label>
        <p className="hint" id="sms-hint">
          {t('notify.smsHint')}
        </p>
        <input
          id="sms-number"
          className="sms-number"
          type="tel"
          inputMode="none"
          autoComplete="off"
          maxLength={MAX_LENGTH}
          value={number}
          aria-invalid={problem === 'errorPhone' ? true : undefined}
          aria-describedby={problem ? 'sms-hint sms-error' : 'sms-hint'}
          onChange={(e) => setNumber(e.target.value.replace(/[^\d+ ]/g, '').slice(0, MAX_LENGTH))}
          {...speakAttr({ key: 'notify.smsLabel' })}
        />
        <div className="keypad" role="group" aria-label={t('sms.keypad')}>
          {KEYS.map((k) => (
            <button key={k.key} type="button" className="key" onClick={() => press(k.key)} {...speakAttr({ key: k.speak })}>
              {k.key}
            </button>
          ))}
          <button type="button" className="key" onClick={() => setNumber((n) => n.slice(0, -1))} aria-label={t('sms.delete')} {...speakAttr({ key: 'sms.delete' })}>
            <span aria-hidden="true">⌫</span>
          </button>
        </div>
        <div className="actions">
          <button type="submit" className="primary" aria-busy={busy || undefined} {...speakAttr({ key: 'sms.send' })}>
            {t('sms.send')}
          </button>
          <button type="button" className="secondary" onClick={onBack} {...speakAttr({ key: 'common.back' })}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </>
  );
}
