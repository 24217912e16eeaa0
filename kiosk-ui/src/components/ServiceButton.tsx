import type { Language, ServiceStatus } from '@vuoro/server/protocol';
import { localize } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';
import type { SpeechItem } from '../speech/speechPlayer';
import { busyText, estimateText, formatOpening, nextCallText, notTodayText, UNAVAILABLE_KEY } from './format';

interface Props {
  service: ServiceStatus;
  lang: Language;
  fallback: Language;
  now: number;
  timeZone: string;
  t: Translate;
  onChoose(service: ServiceStatus): void;
  onUnavailable(): void;
}

/** A big button per service with people waiting and the estimate; a closed one says why and when it opens. */
export function ServiceButton({ service: s, lang, fallback, now, timeZone, t, onChoose, onUnavailable }: Props) {
  const name = localize(s.name, lang, fallback);
  const a = s.availability;
  const available = a.state === 'open';
  const busy = busyText(s, t);
  const next = nextCallText(s, t);
  const onlyBooked = s.appointments?.only === true;
  const spoken: SpeechItem = onlyBooked
    ? { key: 'appointment.onlyBooked' }
    : !available
    ? { key: 'speech.serviceUnavailable', service: s.id }
    : s.notToday
      ? { key: 'speech.serviceNotToday', service: s.id, ahead: s.waiting }
      : s.estimatedWaitMinutes === null
      ? { key: 'speech.serviceOptionNoEstimate', service: s.id, ahead: s.waiting }
      : { key: 'speech.serviceOption', service: s.id, ahead: s.waiting, minutes: s.estimatedWaitMinutes };
  return (
    <button
      type="button"
      className={available || onlyBooked ? 'service' : 'service unavailable'}
      aria-disabled={available || onlyBooked ? undefined : true}
      data-service={s.id}
      onClick={() => (available || onlyBooked ? onChoose(s) : onUnavailable())}
      {...speakAttr(spoken)}
    >
      <span className="service-name" data-fit-word>
        {name}
      </span>
      {onlyBooked ? (
        <span className="service-facts">
          <span>{t('appointment.onlyBooked')}</span>
        </span>
      ) : available ? (
        <span className="service-facts">
          <span>{t('service.waiting', { ahead: s.waiting })}</span>
          {next ? <span className="service-next">{next}</span> : null}
          <span className="service-estimate">{estimateText(s, t)}</span>
          {busy ? <span className="service-busy">{busy}</span> : null}
          {s.notToday ? (
            <span className="service-not-today">{notTodayText(s.notToday.comeBackAt, s.appointments !== undefined, now, lang, timeZone, t)}</span>
          ) : null}
        </span>
      ) : (
        <span className="service-facts">
          <span className="service-state">
            <span aria-hidden="true">⨯ </span>
            {t(UNAVAILABLE_KEY[a.state])}
          </span>
          {a.nextOpenAt !== null ? <span>{t('service.opensAt', { when: formatOpening(a.nextOpenAt, now, lang, timeZone) })}</span> : null}
        </span>
      )}
    </button>
  );
}
