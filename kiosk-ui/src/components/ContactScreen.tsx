import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { IssueTicketResponse, Language, NotifyOptionsView } from '@vuoro/server/protocol';
import { path, ROUTES } from '@vuoro/server/protocol/client';
import type { MessageKey, Translate } from '../i18n/catalogs';
import { useScreen } from '../hooks/useScreen';
import { speakAttr } from '../speech/speakAttr';
import { credentialHeader } from '../hooks/kioskCredential';
import { BusyButton } from './BusyButton';

/** "N people ahead" the kiosk asks for: close enough to come back, far enough to make it (the `sms.intro` texts say 2). */
export const KIOSK_AHEAD = 2;

/** What the field shows of a failed send: the address was refused (`invalid`) or the save failed (`error`). */
export type ContactProblem = 'invalid' | 'error' | null;

/** What the kiosk gives the email and SMS screens: the ticket, the language, and where to go after a save or Back. */
export interface ChannelScreenProps {
  issued: IssueTicketResponse;
  lang: Language;
  t: Translate;
  onSaved(masked: string): void;
  onBack(): void;
}

interface Props extends ChannelScreenProps {
  channel: 'email' | 'sms';
  /** The screen's texts: `<channel>.title`, `.intro`, `.send`, and the message for an address that is refused. */
  invalidKey: MessageKey;
  /** The address as it is sent. */
  address: string;
  /** Whether the address is worth sending; when not, the screen says `invalidKey` and sends nothing. */
  valid(address: string): boolean;
  /** The field and its on-screen keys; `errorId` is the id of the shown problem, for `aria-describedby`. */
  children(field: { problem: ContactProblem; errorId: string | undefined }): ReactNode;
}

/**
 * The kiosk's "tell me when it is my turn" screens (email, SMS): the heading, the error kept in a reserved space and
 * focused once, the form around the caller's field and keys, and the save — for this ticket, when {KIOSK_AHEAD} are
 * ahead and when called. The address is never read aloud in speech mode.
 */
export function ContactScreen({ channel, issued, lang, t, invalidKey, address, valid, children, onSaved, onBack }: Props) {
  const heading = useScreen<HTMLHeadingElement>(`${t(`${channel}.title`)} – ${t('app.title')}`, `${channel}-${lang}`);
  const [problem, setProblem] = useState<ContactProblem>(null);
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLParagraphElement>(null);
  const errorId = `${channel}-error`;
  const problemKey: MessageKey = problem === 'error' ? 'status.error' : invalidKey;

  useEffect(() => {
    if (problem) alert.current?.focus();
  }, [problem]);

  const send = async () => {
    if (busy) return;
    if (!valid(address)) return setProblem('invalid');
    setBusy(true);
    try {
      const res = await fetch(path('visitorNotifyOptIn', { token: issued.ticket.statusToken }), {
        method: ROUTES.visitorNotifyOptIn.method,
        headers: { 'content-type': 'application/json', ...credentialHeader() },
        body: JSON.stringify({ channel, address, ahead: KIOSK_AHEAD, onCall: true, language: lang }),
      });
      if (res.ok) {
        const options = (await res.json()) as NotifyOptionsView;
        onSaved(options.contacts.find((c) => c.channel === channel)?.masked ?? '');
        return;
      }
      setProblem(res.status === 422 ? 'invalid' : 'error');
    } catch {
      setProblem('error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: `${channel}.title` }, { key: `${channel}.intro` })}>
        {t(`${channel}.title`)}
      </h1>
      <p className="intro" id={`${channel}-intro`}>
        {t(`${channel}.intro`)}
      </p>
      {/* The space for an error is kept, so the screen's fitted layout does not change when one appears. */}
      <div className="sms-problem" role="alert">
        {problem ? (
          <p className="error-summary" ref={alert} tabIndex={-1} id={errorId} {...speakAttr({ key: problemKey })}>
            {t(problemKey)}
          </p>
        ) : null}
      </div>
      <form
        className={`${channel}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        noValidate
      >
        {children({ problem, errorId: problem ? errorId : undefined })}
        <div className="actions">
          <BusyButton type="submit" className="primary" busy={busy} {...speakAttr({ key: `${channel}.send` })}>
            {t(`${channel}.send`)}
          </BusyButton>
          <button type="button" className="secondary" onClick={onBack} {...speakAttr({ key: 'common.back' })}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </>
  );
}
