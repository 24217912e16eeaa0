import type { CallView, PublicSnapshot } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalog.js';
import { counterFeatures } from '../state/boardView.js';
import { HearingLoopIcon } from './HearingLoopIcon.js';

interface Props {
  calls: readonly CallView[];
  snapshot: PublicSnapshot | null;
  t: Translate;
}

/** The previous calls, newest first; its length is the profile's historySize, so the DOM stays bounded. */
export function CallHistory({ calls, snapshot, t }: Props) {
  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.title')}</h2>
      <ol className="history__list" data-testid="history">
        {calls.map((c) => (
          <li key={`${c.ticketId}:${c.counterId}:${c.at}`} className="history__item" data-number={c.number} data-counter={c.counterLabel}>
            <span className="history__number">{c.number}</span>
            <span className="history__arrow" aria-hidden="true">
              →
            </span>
            <span className="history__counter">
              <span className="visually-hidden">{t('calls.counter')} </span>
              {c.counterLabel}
              {counterFeatures(snapshot, c.counterId).includes('hearing-loop') && <HearingLoopIcon label={t('counter.hearingLoop')} />}
            </span>
            {c.recall && <span className="history__recall">↻ {t('calls.recall')}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
