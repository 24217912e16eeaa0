import type { CallView } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalog.js';
import { HearingLoopIcon } from './HearingLoopIcon.js';

interface Props {
  call: CallView;
  t: Translate;
  hearingLoop: boolean;
  /** The newest call: the largest, and highlighted for a few seconds when it arrives. */
  featured: boolean;
}

/** One call, number and counter side by side; a recall says so in words and with a symbol, not by colour. */
export function CallCard({ call, t, hearingLoop, featured }: Props) {
  const classes = ['call', featured ? 'call--featured' : '', call.recall ? 'call--recall' : ''].filter(Boolean).join(' ');
  return (
    <article
      className={classes}
      data-testid="current-call"
      data-number={call.number}
      data-counter={call.counterLabel}
      data-recall={call.recall ? 'true' : 'false'}
    >
      {call.recall && (
        <p className="call__recall" data-testid="recall-badge">
          <span aria-hidden="true">↻ </span>
          {t('calls.recall')}
        </p>
      )}
      <p className="call__part">
        <span className="call__label">{t('calls.number')}</span>
        <span className="call__value call__number">{call.number}</span>
      </p>
      <p className="call__arrow" aria-hidden="true">
        →
      </p>
      <p className="call__part">
        <span className="call__label">{t('calls.counter')}</span>
        <span className="call__value call__counter">
          {call.counterLabel}
          {hearingLoop && <HearingLoopIcon label={t('counter.hearingLoop')} />}
        </span>
      </p>
    </article>
  );
}
