import type { CSSProperties } from 'react';
import type { Language, ServiceStatus } from '@vuoro/server/protocol';
import { pickText, type Translate } from '../i18n/catalog.js';

interface Props {
  services: readonly ServiceStatus[];
  lang: Language;
  t: Translate;
}

/**
 * For each service: how many people wait, when the next of them is expected to be called, and what a ticket taken now
 * waits (or why there is no figure). The two figures differ on purpose and each column says which it is.
 */
export function ServiceWaits({ services, lang, t }: Props) {
  return (
    <section className="waits" aria-labelledby="waits-heading" style={{ '--services': services.length } as CSSProperties}>
      <h2 id="waits-heading">{t('waits.title')}</h2>
      <table className="waits__table">
        <thead>
          <tr>
            <th scope="col">{t('waits.service')}</th>
            <th scope="col" className="num">
              {t('waits.waiting')}
            </th>
            <th scope="col" className="num">
              {t('waits.nextCall')}
            </th>
            <th scope="col" className="num">
              {t('waits.estimate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const busy = busyNote(s);
            return (
            <tr key={s.id} data-service={s.id}>
              <th scope="row">
                <span className="waits__prefix">{s.prefix}</span> {pickText(s.name, lang, 'en')}
              </th>
              <td className="num" data-testid={`waiting-${s.id}`}>
                {s.waiting}
              </td>
              <td className="num" data-testid={`next-call-${s.id}`}>
                {nextCall(s, t)}
              </td>
              <td className="num" data-testid={`estimate-${s.id}`}>
                {estimate(s, t)}
                {busy ? <span className="waits__busy">{t('waits.busy')}</span> : null}
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Nobody waits and yet a new ticket waits: every desk serving it is busy. Said, so it does not read as an error. */
function busyNote(s: ServiceStatus): boolean {
  return s.open && s.waiting === 0 && s.estimatedWaitMinutes !== null && s.estimatedWaitMinutes > 0;
}

/** What a ticket taken now waits (the column header says so), as the kiosk shows it. */
function estimate(s: ServiceStatus, t: Translate): string {
  if (!s.open) return t('waits.closed');
  if (s.estimatedWaitMinutes === null) return t('waits.noEstimate');
  if (s.estimatedWaitMinutes === 0) return t('waits.noWait');
  return t('waits.minutes', { minutes: Math.round(s.estimatedWaitMinutes) });
}

/** When the next of those already waiting is expected to be called, as the kiosk says it. */
function nextCall(s: ServiceStatus, t: Translate): string {
  if (s.waiting === 0) return t('waits.nobody');
  if (s.nextCallMinutes === null) return t('waits.noEstimate');
  if (s.nextCallMinutes === 0) return t('waits.nextNow');
  return t('waits.minutes', { minutes: Math.round(s.nextCallMinutes) });
}
