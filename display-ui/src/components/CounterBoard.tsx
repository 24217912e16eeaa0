import type { CallView, PublicSnapshot } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalog.js';
import { showsCall, visibleCounters, type Profile } from '../state/boardView.js';
import { HearingLoopIcon } from './HearingLoopIcon.js';

interface Props {
  profile: Profile;
  snapshot: PublicSnapshot;
  calls: readonly CallView[];
  t: Translate;
}

/** Above a desk: only that counter's label and the number it serves now, as large as the screen allows. */
export function CounterBoard({ profile, snapshot, calls, t }: Props) {
  const counter = visibleCounters(profile, snapshot.counters)[0];
  if (!counter) return null;
  const number = counter.currentNumber;
  const latest = calls.find((c) => c.counterId === counter.id && showsCall(profile, c));
  const recall = number !== null && latest?.number === number && latest.recall;
  return (
    <section className="counter-board" aria-labelledby="counter-heading" data-testid="counter-board" data-counter={counter.id}>
      <h2 id="counter-heading" className="counter-board__label">
        {t('counter.heading', { counter: counter.label })}
        {counter.features.includes('hearing-loop') && <HearingLoopIcon label={t('counter.hearingLoop')} />}
      </h2>
      {number !== null ? (
        <div
          key={`${number}:${latest?.at ?? 0}`}
          className={recall ? 'counter-board__call call--featured call--recall' : 'counter-board__call call--featured'}
          data-testid="counter-number"
          data-number={number}
          data-recall={recall ? 'true' : 'false'}
        >
          {recall && (
            <p className="call__recall" data-testid="recall-badge">
              <span aria-hidden="true">↻ </span>
              {t('calls.recall')}
            </p>
          )}
          <p className="counter-board__number">
            <span className="visually-hidden">{t('calls.number')} </span>
            {number}
          </p>
        </div>
      ) : (
        <p className="counter-board__idle" data-testid="counter-idle">
          {counter.open ? t('counter.idle') : t('counter.closed')}
        </p>
      )}
    </section>
  );
}
