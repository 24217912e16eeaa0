import type { Language, ServiceStatus } from '@vuoro/server/protocol';
import { pickText, type Translate } from '../i18n/catalog.js';

interface Props {
  services: readonly ServiceStatus[];
  lang: Language;
  t: Translate;
}

/** For each service: how many people wait and the honest estimate (or why there is none). */
export function ServiceWaits({ services, lang, t }: Props) {
  return (
    <section className="waits" aria-labelledby="waits-heading">
      <h2 id="waits-heading">{t('waits.title')}</h2>
      <table className="waits__table">
        <thead>
          <tr>
            <th scope="col">{t('waits.service')}</th>
            <th scope="col" className="num">
              {t('waits.waiting')}
            </th>
            <th scope="col" className="num">
              {t('waits.estimate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id} data-service={s.id}>
              <th scope="row">
                <span className="waits__prefix">{s.prefix}</span> {pickText(s.name, lang, 'en')}
              </th>
              <td className="num" data-testid={`waiting-${s.id}`}>
                {s.waiting}
              </td>
              <td className="num">{estimate(s, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function estimate(s: ServiceStatus, t: Translate): string {
  if (!s.open) return t('waits.closed');
  if (s.estimatedWaitMinutes === null) return t('waits.noEstimate');
  if (s.estimatedWaitMinutes === 0) return t('waits.noWait');
  return t('waits.minutes', { minutes: Math.round(s.estimatedWaitMinutes) });
}
