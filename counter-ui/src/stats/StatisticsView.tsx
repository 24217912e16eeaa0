import { useCallback, useMemo, useState } from 'react';
import type { StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import type { StoredSession } from '../api/session.js';
import { useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { NotAllowed } from '../components/NotAllowed.js';
import { StatsFilters } from './StatsFilters.js';
import { LiveFigures } from './LiveFigures.js';
import { SummaryFigures } from './SummaryFigures.js';
import { CounterTimeTable } from './CounterTimeTable.js';
import { DailySection } from './DailySection.js';
import { ArrivalsSection } from './ArrivalsSection.js';
import { FeedbackSection } from './FeedbackSection.js';
import { EstimatesSection } from './EstimatesSection.js';
import { AppointmentsSection } from './AppointmentsSection.js';
import { StaffingSection } from './StaffingSection.js';
import { CompareSection } from './CompareSection.js';
import { VisitsExport } from './VisitsExport.js';
import { KnowledgeFiguresSection } from '../knowledge/KnowledgeFiguresSection.js';
import { useStats } from './useStats.js';
import { useLiveStats } from './useLiveStats.js';
import { arrivalsQueryOf, hallToday, queryOf, rangeOf, type StatsFilter } from './statsQuery.js';

interface Props {
  snapshot: StaffSnapshot;
  session: StoredSession;
  onExpired(): void;
}

/** Statistics for supervisors and admins: today live, then the chosen period's figures, charts and feedback. */
export function StatisticsView({ snapshot, session, onExpired }: Props) {
  if (session.user.role === 'staff') return <NotAllowed titleKey="stats.title" messageKey="stats.notAllowed" />;
  return <Statistics snapshot={snapshot} session={session} onExpired={onExpired} />;
}

function Statistics({ snapshot, session, onExpired }: Props) {
  const { t } = useI18n();
  useTitle(t('stats.title'));
  const ownOrganisation = session.user.role === 'supervisor' ? session.user.organisationId : null;
  const today = hallToday(snapshot.hall.timeZone);
  const [filter, setFilter] = useState<StatsFilter>(() => ({
    period: 'week',
    from: today,
    to: today,
    organisationId: ownOrganisation ?? '',
    serviceId: '',
    counterId: '',
    userId: '',
  }));
  const [version, setVersion] = useState(0);
  const expired = useCallback(() => onExpired(), [onExpired]);
  const stats = useStats(session.token, filter, today, version, expired);
  const live = useLiveStats(session.token, filter, version, expired);
  const query = queryOf(filter, today);
  const range = rangeOf(filter, today);
  const staff = useMemo(
    () =>
      (stats.data?.summary.byStaff ?? []).flatMap((s) => (s.userId === null ? [] : [{ userId: s.userId, userName: s.userName ?? String(s.userId) }])),
    [stats.data],
  );

  return (
    <main id="main" className="statistics" aria-busy={stats.loading}>
      <ErrorSummary message={stats.failure ? stats.failure.message : null} />
      <h1>{t('stats.title')}</h1>
      {snapshot.hall.demo ? <p className="notice">{t('stats.demoNote')}</p> : null}
      <StatsFilters
        snapshot={snapshot}
        ownOrganisation={ownOrganisation}
        staff={staff}
        applied={filter}
        dateErrors={{
          from: stats.failure?.issues.find((i) => i.path === 'from')?.message,
          to: stats.failure?.issues.find((i) => i.path === 'to')?.message,
        }}
        busy={stats.loading}
        onApply={(f) => {
          setFilter(f);
          setVersion((v) => v + 1);
        }}
      />
      <p role="status" className="stats-status" data-testid="stats-status">
        {stats.loading ? t('stats.loading') : stats.data ? t('stats.showing', { from: range.from, to: range.to }) : ''}
      </p>
      {stats.data ? (
        <>
          {live ? <LiveFigures live={live} snapshot={snapshot} token={session.token} filter={filter} /> : null}
          <SummaryFigures summary={stats.data.summary} snapshot={snapshot} token={session.token} query={query} />
          <CounterTimeTable counters={stats.data.counters} snapshot={snapshot} token={session.token} query={query} />
          <DailySection daily={stats.data.daily} token={session.token} query={query} />
          <ArrivalsSection cells={stats.data.heatmap} token={session.token} query={arrivalsQueryOf(filter, today)} />
          <EstimatesSection accuracy={stats.data.estimates} snapshot={snapshot} token={session.token} query={query} />
          <StaffingSection snapshot={snapshot} token={session.token} query={arrivalsQueryOf(filter, today)} onExpired={expired} />
          <CompareSection token={session.token} today={today} query={arrivalsQueryOf(filter, today)} onExpired={expired} />
          <AppointmentsSection snapshot={snapshot} token={session.token} query={query} onExpired={expired} />
          <FeedbackSection feedback={stats.data.feedback} snapshot={snapshot} token={session.token} query={query} />
          <KnowledgeFiguresSection snapshot={snapshot} token={session.token} from={range.from} to={range.to} onExpired={expired} />
          <VisitsExport token={session.token} query={query} />
        </>
      ) : null}
    </main>
  );
}
