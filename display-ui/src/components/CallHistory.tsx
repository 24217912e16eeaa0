import type { CSSProperties } from 'react';
import type { CallView, PublicSnapshot } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalog.js';
import { counterFeatures } from '../state/boardView.js';
import { HearingLoopIcon } from './HearingLoopIcon.js';

interface Props {
  calls: readonly CallView[];
  /** The profile's historySize: the rows are sized for all of them, so a full history fits as well. */
  size: number;
  /** Columns of the list (3 on the landscape board, 2 on a portrait one). */
  columns: number;
  snapshot: PublicSnapshot | null;
  t: Translate;
}

/** The previous calls, newest first; its length is the profile's historySize, so the DOM stays bounded. */
export function CallHistory({ calls, size, columns, snapshot, t }: Props) {
  const rows = Math.max(1, Math.ceil(size / columns));
  return (
    <section className="history" aria-labelledby="history-heading" style={{ '--rows': rows, '--cols': columns } as CSSProperties}>
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
            {c.recall && (
              <span className="history__recall">
                <span aria-hidden="true">↻ </span>
                {t('calls.recall')}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
