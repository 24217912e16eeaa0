import { localize, type IssueTicketResponse, type Language, type ServiceStatus } from '@vuoro/server/protocol';
import type { MessageKey, Translate } from '../i18n/catalogs';
import { useScreen } from '../hooks/useScreen';
import { speakAttr } from '../speech/speakAttr';
import type { SpeechItem } from '../speech/speechPlayer';
import { QrCode } from './QrCode';

interface Props {
  issued: IssueTicketResponse;
  service: ServiceStatus | undefined;
  lang: Language;
  fallback: Language;
  t: Translate;
  /** The hall's publicUrl: the address visitors' phones reach (the printed QR code uses it too). */
  publicUrl: string | null;
  /** The masked number the visitor left on the SMS screen, once saved. */
  smsSaved?: string | null;
  onDone(): void;
  /** The hall sends text messages for this ticket: "text me when it is my turn" is offered. */
  smsOffered?: boolean;
  onSms?(): void;
  /** The masked address the visitor left for email, once saved. */
  emailSaved?: string | null;
  emailOffered?: boolean;
  onEmail?(): void;
}


const PRINT_KEY: Record<IssueTicketResponse['print']['status'], MessageKey> = {
  printed: 'confirm.printed',
  failed: 'confirm.printFailed',
  'no-printer': 'confirm.noPrinter',
  repeat: 'confirm.printRepeat',
};

/** The spoken summary: number, service, people ahead, estimate, what to prepare; repeated with the star key. */
export function confirmationSpeech(issued: IssueTicketResponse, service: ServiceStatus | undefined): SpeechItem[] {
  const tk = issued.ticket;
  const items: SpeechItem[] = [
    tk.estimatedWaitMinutes === null
      ? { key: 'speech.confirmScreenNoEstimate', number: tk.number, service: tk.serviceId, ahead: tk.position }
      : { key: 'speech.confirmScreen', number: tk.number, service: tk.serviceId, ahead: tk.position, minutes: tk.estimatedWaitMinutes },
  ];
  if (service?.prepare) items.push({ key: 'speech.prepare', service: tk.serviceId });
  items.push({ key: PRINT_KEY[issued.print.status] }, { key: 'speech.repeatHint' });
  return items;
}

/** The number as the heading, what happens next, and a QR code to the status page. */
export function ConfirmScreen({ issued, service, lang, fallback, t, publicUrl, smsSaved = null, smsOffered = false, emailSaved = null, emailOffered = false, onDone, onSms, onEmail }: Props) {
  const tk = issued.ticket;
  const heading = useScreen<HTMLHeadingElement>(`${t('confirm.title')} ${tk.number} – ${t('app.title')}`, `confirm-${tk.number}-${lang}`);
  const printed = issued.print.status === 'printed';
  const statusUrl = `${(publicUrl ?? window.location.origin).replace(/\/+$/, '')}${tk.statusPath}`;
  const prepare = service?.prepare ? localize(service.prepare, lang, fallback) : '';
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="ticket-heading" {...speakAttr(...confirmationSpeech(issued, service))}>
        <span className="ticket-label">{t('confirm.title')}</span>
        <span className="ticket-number">{tk.number}</span>
      </h1>
      <div className="confirm">
        <div className="confirm-facts">
          <dl className="facts">
            <dt>{t('confirm.service')}</dt>
            <dd>{service ? localize(service.name, lang, fallback) : tk.serviceId}</dd>
          </dl>
          <p className="fact">{t('confirm.ahead', { ahead: tk.position })}</p>
          <p className="fact">
            {tk.estimatedWaitMinutes === null
              ? t('confirm.noEstimate')
              : tk.estimatedWaitMinutes === 0
                ? t('confirm.soon')
                : t('confirm.estimate', { minutes: tk.estimatedWaitMinutes })}
          </p>
          {prepare ? (
            <section className="prepare" aria-labelledby="prepare-heading">
              <h2 id="prepare-heading">{t('confirm.prepare')}</h2>
              <p>{prepare}</p>
            </section>
          ) : null}
          <p className={printed ? 'print-note' : 'print-note warning'} role="status" data-print={issued.print.status}>
            {printed ? null : <span aria-hidden="true">⚠ </span>}
            {t(PRINT_KEY[issued.print.status])}
          </p>
          <p>{t('confirm.whatNext')}</p>
          {smsSaved ? (
            <p className="confirm-sms" role="status">
              {t('sms.saved', { address: smsSaved })}
            </p>
          ) : null}
          {emailSaved ? (
            <p className="confirm-sms" role="status">
              {t('email.saved', { address: emailSaved })}
            </p>
          ) : null}
        </div>
        <div className="confirm-side">
          <figure className="qr-box">
            <QrCode value={statusUrl} label={t('confirm.qr')} />
            <figcaption>{t('confirm.qr')}</figcaption>
          </figure>
          {smsOffered && !smsSaved ? (
            <button type="button" className="secondary sms-offer" onClick={onSms} {...speakAttr({ key: 'sms.offer' })}>
              {t('sms.offer')}
            </button>
          ) : null}
          {emailOffered && !emailSaved ? (
            <button type="button" className="secondary sms-offer email-offer" onClick={onEmail} {...speakAttr({ key: 'email.offer' })}>
              {t('email.offer')}
            </button>
          ) : null}
        </div>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onDone} {...speakAttr({ key: 'confirm.done' })}>
          {t('confirm.done')}
        </button>
      </div>
    </>
  );
}
