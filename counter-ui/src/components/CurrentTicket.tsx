import { forwardRef } from 'react';
import { localize, type StaffSnapshot, type TicketView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { languageLabel, minutesBetween, needsText, reasonText, serviceName, stateText, waitedText } from '../format/describe.js';

interface Props {
  ticket: TicketView | null;
  snapshot: StaffSnapshot;
  now: number;
  paused: string | null;
}

/** The visitor in front of me: number, service, language, needs, waited time and why the rule chose them. */
export const CurrentTicket = forwardRef<HTMLHeadingElement, Props>(function CurrentTicket({ ticket, snapshot, now, paused }, ref) {
  const { t, language } = useI18n();
  if (!ticket) {
    return (
      <section className="panel current current--empty" aria-labelledby="current-title">
        <h2 id="current-title" tabIndex={-1} ref={ref}>
          {paused ? t('current.paused', { reason: paused }) : t('current.none')}
        </h2>
        <p>{paused ? t('current.pausedHint') : t('current.noneHint')}</p>
      </section>
    );
  }
  const waitedUntil = ticket.calledAt ?? now;
  const waited = waitedText(t, minutesBetween(ticket.queuedAt, waitedUntil));
  const transferred = ticket.originalServiceId !== ticket.serviceId;
  return (
    <section className="panel current" aria-labelledby="current-title">
      <h2 id="current-title" tabIndex={-1} ref={ref}>
        <span className="current__label">{t('current.title')}</span>{' '}
        <span className="current__number" data-testid="current-number">
          {ticket.number}
        </span>{' '}
        <span className={`tag tag--${ticket.state}`}>{stateText(t, ticket.state)}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('current.service')}</dt>
          <dd>
            {serviceName(snapshot.services, ticket.serviceId, language)}
            {transferred ? ` (${t('current.from', { service: serviceName(snapshot.services, ticket.originalServiceId, language) })})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('current.language')}</dt>
          <dd>{languageLabel(ticket.language, language)}</dd>
        </div>
        <div>
          <dt>{t('current.needs')}</dt>
          <dd className={ticket.needs.length > 0 ? 'needs' : undefined}>
            {ticket.needs.length > 0 ? needsText(t, ticket.needs, language) : t('current.noNeeds')}
          </dd>
        </div>
        <div>
          <dt>{t('current.waited')}</dt>
          <dd>{waited}</dd>
        </div>
        {ticket.callReason ? (
          <div>
            <dt>{t('current.why')}</dt>
            <dd data-testid="call-reason">{reasonText(t, ticket.callReason, ticket.needs)}</dd>
          </div>
        ) : null}
        {ticket.recallCount > 0 ? (
          <div>
            <dt>{t('current.recalls')}</dt>
            <dd>{ticket.recallCount}</dd>
          </div>
        ) : null}
        {ticket.note ? (
          <div>
            <dt>{t('current.note')}</dt>
            <dd>{ticket.note}</dd>
          </div>
        ) : null}
        {ticket.outcome ? (
          <div>
            <dt>{t('current.outcome')}</dt>
            <dd>{localize(snapshot.outcomes.find((o) => o.code === ticket.outcome)?.label, language) || ticket.outcome}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
});
