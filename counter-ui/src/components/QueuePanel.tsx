import { forwardRef } from 'react';
import type { CounterView, StaffSnapshot, TicketView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { minutesBetween, needsText, serviceName, waitedText } from '../format/describe.js';
import { notListed, waitingFor } from '../format/selectors.js';
import { BusyButton } from './BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  counter: CounterView;
  now: number;
  canCall: boolean;
  busy: boolean;
  onCall(t: TicketView): void;
  onReprint(t: TicketView): void;
  /** Says why calling is not possible now (a Call button was pressed): `label` is the button's name. */
  onUnavailable(label: string): void;
}

export const QueuePanel = forwardRef<HTMLHeadingElement, Props>(function QueuePanel(
  { snapshot, counter, now, canCall, busy, onCall, onReprint, onUnavailable },
  ref,
) {
  const { t, language } = useI18n();
  const list = waitingFor(snapshot, counter);
  const more = notListed(snapshot, counter);
  const moreCount = [...more.values()].reduce((a, b) => a + b, 0);
  const longest = list[0] ? minutesBetween(list[0].queuedAt, now) : 0;
  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title" tabIndex={-1} ref={ref}>
        {t('queue.title')}
      </h2>
      <p className="queue__summary" data-testid="queue-summary">
        {list.length === 0
          ? t('queue.empty')
          : t('queue.summary', { count: list.length + moreCount, longest: waitedText(t, longest) })}
      </p>
      <ul className="queue__services">
        {counter.services.map((p) => (
          <li key={p.serviceId}>
            {serviceName(snapshot.services, p.serviceId, language)}:{' '}
            {t('queue.waitingCount', { count: list.filter((x) => x.serviceId === p.serviceId).length + (more.get(p.serviceId) ?? 0) })}
          </li>
        ))}
      </ul>
      {list.length > 0 ? (
        <table className="table queue__table">
          <caption className="visually-hidden">{t('queue.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.number')}</th>
              <th scope="col">{t('queue.service')}</th>
              <th scope="col">{t('queue.waited')}</th>
              <th scope="col">{t('queue.needs')}</th>
              <th scope="col">{t('queue.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x) => (
              <tr key={x.id} data-testid={`queue-row-${x.number}`}>
                <th scope="row">{x.number}</th>
                <td className="queue__service">
                  {serviceName(snapshot.services, x.serviceId, language)}
                  {x.targetCounterId === counter.id ? <span className="tag"> {t('queue.forThisCounter')}</span> : null}
                  {x.note ? <span className="hint"> {t('queue.noteLabel', { note: x.note })}</span> : null}
                </td>
                <td className="queue__waited">{waitedText(t, minutesBetween(x.queuedAt, now))}</td>
                <td>{x.needs.length > 0 ? needsText(t, x.needs, language) : '–'}</td>
                <td>
                  <div className="queue__actions">
                  <BusyButton
                    type="button"
                    className="button button--small"
                    busy={busy}
                    unavailable={!canCall}
                    onUnavailableClick={() => onUnavailable(`${t('queue.call')} ${x.number}`)}
                    onClick={() => onCall(x)}
                  >
                    {t('queue.call')}
                    <span className="visually-hidden"> {x.number}</span>
                  </BusyButton>
                  <BusyButton type="button" className="button button--small button--secondary" busy={busy} onClick={() => onReprint(x)}>
                    {t('queue.reprint')}
                    <span className="visually-hidden"> {x.number}</span>
                  </BusyButton>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {moreCount > 0 ? (
        <p className="hint" data-testid="queue-more">
          {t('queue.more', { count: moreCount })}
        </p>
      ) : null}
    </section>
  );
});
