import type { CallView, PublicSnapshot } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalog.js';
import { callBoard, counterFeatures, visibleServices, type Profile } from '../state/boardView.js';
import { CallCard } from './CallCard.js';
import { CallHistory } from './CallHistory.js';
import { ServiceWaits } from './ServiceWaits.js';

interface Props {
  profile: Profile;
  snapshot: PublicSnapshot;
  calls: readonly CallView[];
  t: Translate;
}

/** The landscape hall board and the portrait column: current calls, the previous ones, and waiting times. */
export function HallBoard({ profile, snapshot, calls, t }: Props) {
  const board = callBoard(profile, calls);
  const services = visibleServices(profile, snapshot.services);
  return (
    <div className={`board__body board__body--${profile.layout}`}>
      <section className="now" aria-labelledby="now-heading">
        <h2 id="now-heading">{t('calls.now')}</h2>
        {board.current.length === 0 ? (
          <p className="now__empty">{t('calls.none')}</p>
        ) : (
          board.current.map((c, i) => (
            <CallCard
              key={`${c.ticketId}:${c.counterId}:${c.at}`}
              call={c}
              t={t}
              featured={i === 0}
              hearingLoop={counterFeatures(snapshot, c.counterId).includes('hearing-loop')}
            />
          ))
        )}
      </section>
      {profile.historySize > 0 && board.history.length > 0 && (
        <CallHistory calls={board.history} size={profile.historySize} columns={profile.layout === 'portrait' ? 2 : 3} snapshot={snapshot} t={t} />
      )}
      {services.length > 0 && <ServiceWaits services={services} lang={snapshot.hall.defaultLanguage} t={t} />}
    </div>
  );
}
