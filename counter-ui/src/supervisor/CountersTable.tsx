import { useState } from 'react';
import { localize, type CounterView, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { clockTime, minutesBetween, serviceName, stateText, waitedText } from '../format/describe.js';
import { ProfileDialog } from './ProfileDialog.js';
import { actsForCounter, actsForService, currentAt } from '../format/selectors.js';

interface Props {
  snapshot: StaffSnapshot;
  token: string;
  now: number;
  runner: ActionRunner;
}

/** Every counter: open or closed, paused with its reason, who holds it, what it serves now and since when. */
export function CountersTable({ snapshot, token, now, runner }: Props) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState<CounterView | null>(null);
  const tz = snapshot.hall.timeZone;

  const stateOf = (c: CounterView): string => {
    if (!c.open) return t('sup.counterClosed');
    if (c.paused) {
      const since = c.staff?.pausedAt ? clockTime(c.staff.pausedAt, language, tz) : '';
      return t('sup.counterPaused', { reason: c.staff?.pausedReason ?? '', since });
    }
    return t('sup.counterOpen');
  };
  const servingOf = (c: CounterView): string => {
    const ticket = currentAt(snapshot, c.id);
    if (!ticket) return '–';
    const since = ticket.state === 'serving' ? (ticket.startedAt ?? ticket.calledAt) : ticket.calledAt;
    return t('sup.servingSince', {
      number: ticket.number,
      state: stateText(t, ticket.state),
      service: serviceName(snapshot.services, ticket.serviceId, language),
      since: since ? clockTime(since, language, tz) : '–',
      minutes: waitedText(t, since ? minutesBetween(since, now) : 0),
    });
  };

  return (
    <section className="panel" aria-labelledby="sup-counters-title">
      <h2 id="sup-counters-title">{t('sup.counters')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="sup-counters">
          <caption className="visually-hidden">{t('sup.counters')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sup.counter')}</th>
              <th scope="col">{t('sup.state')}</th>
              <th scope="col">{t('sup.staff')}</th>
              <th scope="col">{t('sup.serving')}</th>
              <th scope="col">{t('sup.profile')}</th>
              <th scope="col">{t('queue.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.counters.map((c) => (
              <tr key={c.id} data-testid={`sup-counter-${c.id}`}>
                <th scope="row">
                  {t('header.counter', { label: c.label })}
                  {c.name ? <span className="hint"> {localize(c.name, language)}</span> : null}
                </th>
                <td>{stateOf(c)}</td>
                <td>{c.staff?.userName ?? '–'}</td>
                <td>{servingOf(c)}</td>
                <td>{c.services.map((p) => `${serviceName(snapshot.services, p.serviceId, language)} (${p.weight})`).join(', ')}</td>
                <td>
                  {!actsForCounter(snapshot, c) ? (
                    <span className="hint">{t('sup.otherOrganisation')}</span>
                  ) : c.open ? (
                    <button type="button" className="button button--small button--secondary" onClick={() => setEditing(c)}>
                      {t('sup.editProfile')}
                      <span className="visually-hidden"> {t('header.counter', { label: c.label })}</span>
                    </button>
                  ) : (
                    <span className="hint">{t('sup.profileWhenOpen')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing ? (
        <ProfileDialog
          counter={editing}
          services={snapshot.services.filter((s) => actsForService(snapshot, s.id))}
          others={editing.services.filter((p) => !actsForService(snapshot, p.serviceId)).map((p) => serviceName(snapshot.services, p.serviceId, language))}
          token={token}
          runner={runner}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}
