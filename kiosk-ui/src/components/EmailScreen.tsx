import { useEffect, useRef, useState } from 'react';
import type { IssueTicketResponse, Language, NotifyOptionsView } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalogs';
import { useScreen } from '../hooks/useScreen';
import { speakAttr } from '../speech/speakAttr';
import { credentialHeader } from '../hooks/kioskCredential';
import { KIOSK_AHEAD } from './SmsScreen';

const MAX_LENGTH = 80;
/** Ten columns: digits, the letters in keyboard order, and what an address needs (@ . - _). */
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl@', 'zxcvbnm.-_'];

interface Props {
  issued: IssueTicketResponse;
  lang: Language;
  t: Translate;
  onSaved(masked: string): void;
  onBack(): void;
}

/**
 * At the kiosk: "email me when it is my turn". The address is typed on an on-screen keyboard (or a real one), saved
 * for this ticket (when {KIOSK_AHEAD} are ahead and when called), and never read aloud in speech mode.
 */
export function EmailScreen({ issued, lang, t, onSaved, onBack }: Props) {
  const heading = useScreen<HTMLHeadingElement>(`${t('email.title')} – ${t('app.title')}`, `email-${lang}`);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<'errorEmail' | 'error' | null>(null);
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (problem) alert.current?.focus();
  }, [problem]);

  const press = (key: string) => setAddress((a) => (a.length >= MAX_LENGTH ? a : a + key));
  const send = async () => {
    if (busy) return;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address.trim())) return setProblem('errorEmail');
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/tickets/status/${encodeURIComponent(issued.ticket.statusToken)}/notify`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...credentialHeader() },
        body: JSON.stringify({ channel: 'email', address: address.trim(), ahead: KIOSK_AHEAD, onCall: true, language: lang }),
      });
      if (res.ok) {
        const options = (await res.json()) as NotifyOptionsView;
        onSaved(options.contacts.find((c) => c.channel === 'email')?.masked ?? '');
        return;
      }
      setProblem(res.status === 422 ? 'errorEmail' : 'error');
    } catch {
      setProblem('error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: 'email.title' }, { key: 'email.intro' })}>
        {t('email.title')}
      </h1>
      <p className="intro" id="email-intro">
        {t('email.intro')}
      </p>
      {/* The space for an error is kept, so the screen's fitted layout does not change when one appears. */}
      <div className="sms-problem" role="alert">
        {problem ? (
          <p className="error-summary" ref={alert} tabIndex={-1} id="email-error" {...speakAttr({ key: problem === 'error' ? 'status.error' : 'notify.errorEmail' })}>
            {t(problem === 'error' ? 'status.error' : 'notify.errorEmail')}
          </p>
        ) : null}
      </div>
      <form
        className="email-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        noValidate
      >
        <label htmlFor="email-address" className="sms-label">
          {t('notify.emailLabel')}
        </label>
        <input
          id="email-address"
          className="sms-number email-address"
          type="email"
          inputMode="none"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={MAX_LENGTH}
          value={address}
          aria-invalid={problem === 'errorEmail' ? true : undefined}
          aria-describedby={problem ? 'email-error' : undefined}
          onChange={(e) => setAddress(e.target.value.replace(/\s/g, '').slice(0, MAX_LENGTH))}
          {...speakAttr({ key: 'notify.emailLabel' })}
        />
        <div className="email-keys" role="group" aria-label={t('email.keyboard')}>
          {ROWS.join('')
            .split('')
            .map((ch) => (
              <button key={ch} type="button" className="code-key" onClick={() => press(ch)}>
                {ch}
              </button>
            ))}
          <button type="button" className="code-key email-key-wide" onClick={() => press('.com')}>
            .com
          </button>
          <button type="button" className="code-key email-key-wide" onClick={() => setAddress((a) => a.slice(0, -1))} aria-label={t('email.delete')} {...speakAttr({ key: 'email.delete' })}>
            <span aria-hidden="true">⌫</span>
          </button>
        </div>
        <div className="actions">
          <button type="submit" className="primary" aria-busy={busy || undefined} {...speakAttr({ key: 'email.send' })}>
            {t('email.send')}
          </button>
          <button type="button" className="secondary" onClick={onBack} {...speakAttr({ key: 'common.back' })}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </>
  );
}
