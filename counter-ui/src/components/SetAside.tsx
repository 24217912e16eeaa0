import type { StaffSnapshot, TicketView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { serviceName } from '../format/describe.js';
import { BusyButton } from './BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  parked: readonly TicketView[];
  noShows: readonly TicketView[];
  canResume: boolean;
  busy: boolean;
  onResume(t: TicketView): void;
  onRequeue(t: TicketView): void;
  /** Says why resuming is not possible now (its button was pressed): `label` is the button's name. */
  onUnavailable(label: string): void;
}

/** Visitors set aside at this counter: parked ones to resume, recent no-shows to bring back into the queue. */
export function SetAside({ snapshot, parked, noShows, canResume, busy, onResume, onRequeue, onUnavailable }: Props) {
  const { t, language } = useI18n();
  if (parked.length === 0 && noShows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="set-aside-title">
      <h2 id="set-aside-title">{t('aside.title')}</h2>
      {parked.length > 0 ? (
        <>
          <h3>{t('aside.parked')}</h3>
          <ul className="plain-list">
            {parked.map((x) => (
              <li key={x.id}>
                <strong>{x.number}</strong> – {serviceName(snapshot.services, x.serviceId, language)}{' '}
                <BusyButton
                  type="button"
                  className="button button--small"
                  id={`resume-${x.id}`}
                  busy={busy}
                  unavailable={!canResume}
                  onUnavailableClick={() => onUnavailable(t('aside.resume', { number: x.number }))}
                  onClick={() => onResume(x)}
                >
                  {t('aside.resume', { number: x.number })}
                </BusyButton>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {noShows.length > 0 ? (
        <>
          <h3>{t('aside.noShows')}</h3>
          <ul className="plain-list">
            {noShows.map((x) => (
              <li key={x.id}>
                <strong>{x.number}</strong> – {serviceName(snapshot.services, x.serviceId, language)}{' '}
                <BusyButton type="button" className="button button--small button--secondary" busy={busy} onClick={() => onRequeue(x)}>
                  {t('aside.requeue', { number: x.number })}
                </BusyButton>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
