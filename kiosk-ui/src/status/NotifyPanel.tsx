import { useEffect, useRef, useState, type FormEvent } from 'react';
import { path } from '@vuoro/server/protocol/client';
import type { Language, NotifyChannel, NotifyContactView, NotifyOptionsView } from '@vuoro/server/protocol';
import type { StatusKey } from './useCatalog';
import { pushSupport, subscribePush } from './pushSubscription';
import { BusyButton } from '../components/BusyButton.js';

type T = (key: StatusKey, params?: Record<string, string | number>) => string;

const AHEAD_CHOICES = [0, 1, 2, 3, 5, 10] as const;
type Problem = 'errorEmail' | 'errorPhone' | 'errorWhen' | 'errorHow' | 'errorRate' | 'pushDenied' | 'error';


async function request(url: string, init?: RequestInit): Promise<{ ok: true; options: NotifyOptionsView } | { ok: false; status: number; field: string | null }> {
  try {
    const res = await fetch(url, init);
    if (res.ok) return { ok: true, options: (await res.json()) as NotifyOptionsView };
    const body = (await res.json().catch(() => null)) as { error?: { details?: { field?: string; issues?: { path?: string }[] } } } | null;
    const details = body?.error?.details;
    return { ok: false, status: res.status, field: details?.field ?? details?.issues?.[0]?.path ?? null };
  } catch {
    return { ok: false, status: 0, field: null };
  }
}

/**
 * "Tell me when it is my turn" on the status page: when at most N people are ahead and/or when called, by a
 * notification on this phone (Web Push), email or SMS, whichever the hall offers. What is set is listed with a
 * "Stop" button; errors are summarised in an alert that takes the focus, as on every form of the product.
 */
export function NotifyPanel({ token, lang, t }: { token: string; lang: Language; t: T }) {
  const [options, setOptions] = useState<NotifyOptionsView | null>(null);
  const [ahead, setAhead] = useState<string>('2');
  const [onCall, setOnCall] = useState(true);
  const [channel, setChannel] = useState<NotifyChannel | null>(null);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const support = pushSupport();

  useEffect(() => {
    let stop = false;
    void request(path('visitorNotify', { token })).then((r) => {
      if (!stop && r.ok) setOptions(r.options);
    });
    return () => {
      stop = true;
    };
  }, [token]);
  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (!options || (!options.open && options.contacts.length === 0)) return null;
  const pushUsable = options.channels.push.available && support === 'supported';
  const offered: NotifyChannel[] = [
    ...(pushUsable ? (['push'] as const) : []),
    ...(options.channels.email ? (['email'] as const) : []),
    ...(options.channels.sms ? (['sms'] as const) : []),
  ];
  const pushNote =
    options.channels.push.reason === 'disabled'
      ? null
      : options.channels.push.reason === 'not-https' || support === 'insecure'
        ? t('notify.pushNotHttps')
        : support === 'unsupported'
          ? t('notify.pushUnsupported')
          : null;
  const chosen = channel ?? (offered.length === 1 ? offered[0] ?? null : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const aheadValue = ahead === 'off' ? null : Number(ahead);
    if (aheadValue === null && !onCall) return setProblem('errorWhen');
    if (!chosen) return setProblem('errorHow');
    if (chosen !== 'push' && address.trim() === '') return setProblem(chosen === 'email' ? 'errorEmail' : 'errorPhone');
    setBusy(true);
    let body: Record<string, unknown>;
    if (chosen === 'push') {
      const sub = await subscribePush(options.channels.push.publicKey ?? '');
      if (!sub.ok) {
        setBusy(false);
        return setProblem(sub.reason === 'denied' ? 'pushDenied' : 'error');
      }
      body = { channel: 'push', subscription: sub.subscription };
    } else body = { channel: chosen, address };
    const r = await request(path('visitorNotifyOptIn', { token }), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, ahead: aheadValue, onCall, language: lang }),
    });
    setBusy(false);
    if (r.ok) {
      setOptions(r.options);
      setProblem(null);
      setAddress('');
      setDone(t('notify.saved', { address: r.options.contacts.find((c) => c.channel === chosen)?.masked ?? '' }));
      return;
    }
    if (r.status === 429) return setProblem('errorRate');
    if (r.status === 422 && r.field === 'address') return setProblem(chosen === 'email' ? 'errorEmail' : 'errorPhone');
    if (r.status === 422 && r.field === 'onCall') return setProblem('errorWhen');
    setProblem('error');
  };

  const stop = async (c: NotifyContactView) => {
    const r = await request(path('visitorNotifyOptOut', { token, channel: c.channel }), { method: 'DELETE' });
    if (r.ok) {
      setOptions(r.options);
      setDone(t('notify.stopped'));
    } else setProblem(r.status === 429 ? 'errorRate' : 'error');
  };

  const fieldError = problem === 'errorEmail' || problem === 'errorPhone' ? problem : null;

  return (
    <section className="notify" aria-labelledby="notify-heading">
      <h2 id="notify-heading">{t('notify.heading')}</h2>
      {problem ? (
        <div className="error-summary" role="alert" ref={alertRef} tabIndex={-1} aria-labelledby="notify-error-title">
          <h3 id="notify-error-title">{t('notify.errorTitle')}</h3>
          <p>{t(problem === 'error' ? 'status.error' : `notify.${problem}`)}</p>
        </div>
      ) : null}
      {done ? (
        <p className="note" role="status" ref={doneRef} tabIndex={-1}>
          {done}
        </p>
      ) : null}
      {options.contacts.length > 0 ? (
        <div className="notify-active">
          <p>{t('notify.active')}</p>
          <ul>
            {options.contacts.map((c) => (
              <li key={c.channel}>
                <span>
                  <strong>{c.channel === 'push' ? t('notify.push') : c.masked}</strong>
                  {': '}
                  {[
                    c.ahead === null ? null : c.ahead === 0 ? t('notify.activeNext') : t('notify.activeAhead', { ahead: c.ahead }),
                    c.onCall ? t('notify.activeCall') : null,
                  ]
                    .filter((x): x is string => x !== null)
                    .join(', ')}
                </span>{' '}
                <button type="button" className="secondary" onClick={() => void stop(c)} aria-label={`${t('notify.stop')}: ${c.channel === 'push' ? t('notify.push') : c.masked}`}>
                  {t('notify.stop')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {options.open && offered.length > 0 ? (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="notify-form">
          <p>{t('notify.intro')}</p>
          <fieldset>
            <legend>{t('notify.when')}</legend>
            <label htmlFor="notify-ahead" className="field-label">
              {t('notify.aheadLabel')}
            </label>
            <select id="notify-ahead" value={ahead} onChange={(e) => setAhead(e.target.value)}>
              {AHEAD_CHOICES.map((n) => (
                <option key={n} value={String(n)}>
                  {n === 0 ? t('notify.aheadZero') : t('notify.aheadN', { ahead: n })}
                </option>
              ))}
              <option value="off">{t('notify.aheadOff')}</option>
            </select>
            <label className="check">
              <input type="checkbox" checked={onCall} onChange={(e) => setOnCall(e.target.checked)} />
              <span>{t('notify.onCall')}</span>
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('notify.how')}</legend>
            {offered.map((c) => (
              <label key={c} className="check">
                <input type="radio" name="notify-channel" value={c} checked={chosen === c} onChange={() => setChannel(c)} />
                <span>{t(`notify.${c}`)}</span>
              </label>
            ))}
          </fieldset>
          {chosen === 'email' || chosen === 'sms' ? (
            <div className={fieldError ? 'field field-error' : 'field'}>
              <label htmlFor="notify-address" className="field-label">
                {t(chosen === 'email' ? 'notify.emailLabel' : 'notify.smsLabel')}
              </label>
              {chosen === 'sms' ? (
                <p id="notify-address-hint" className="hint">
                  {t('notify.smsHint')}
                </p>
              ) : null}
              {fieldError ? (
                <p id="notify-address-error" className="error">
                  {t(`notify.${fieldError}`)}
                </p>
              ) : null}
              <input
                id="notify-address"
                type={chosen === 'email' ? 'email' : 'tel'}
                autoComplete={chosen === 'email' ? 'email' : 'tel'}
                inputMode={chosen === 'email' ? 'email' : 'tel'}
                spellCheck={false}
                maxLength={chosen === 'email' ? 254 : 40}
                value={address}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={[chosen === 'sms' ? 'notify-address-hint' : '', fieldError ? 'notify-address-error' : ''].filter(Boolean).join(' ') || undefined}
                onChange={(e) => setAddress(e.target.value)}
              />
            </div>
          ) : null}
          <p className="hint">{t('notify.privacy')}</p>
          <BusyButton type="submit" className="primary" busy={busy}>
            {t('notify.submit')}
          </BusyButton>
        </form>
      ) : null}
      {pushNote ? (
        <p className="hint" data-testid="push-note">
          {pushNote}
        </p>
      ) : null}
      <p className="hint">{t('notify.keepOpen')}</p>
    </section>
  );
}
