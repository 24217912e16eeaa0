import type { StatsQueryParams } from './statsQuery.js';
import { localize, type StaffSnapshot, type StatsFigures, type StatsSummary } from '@vuoro/server/protocol';
import { useI18n, type Translate } from '../i18n/i18n.js';
import { CsvLink } from './CsvLink.js';
import { Figure } from './LiveFigures.js';
import { inHallOrder, minutesText, percentText } from './figureText.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  summary: StatsSummary;
  snapshot: StaffSnapshot;
  token: string;
  query: StatsQueryParams;
}

/** The period's figures: totals, then the same figures per service, counter and staff member. */
export function SummaryFigures({ summary, snapshot, token, query }: Props) {
  const { t, language } = useI18n();
  const f = summary.totals;
  const serviceName = (id: string) => {
    const s = snapshot.services.find((x) => x.id === id);
    return s ? `${s.prefix} – ${localize(s.name, language)}` : id;
  };
  const counterName = (id: string | null) => {
    const c = snapshot.counters.find((x) => x.id === id);
    return c ? t('open.counterLabel', { label: c.label }) : (id ?? t('stats.noCounter'));
  };
  return (
    <section className="panel" aria-labelledby="stats-summary-title" data-testid="stats-summary">
      <h2 id="stats-summary-title">{t('stats.summary', { from: summary.from, to: summary.to })}</h2>
      <dl className="figures">
        <Figure id="visits" label={t('stats.visits')} value={String(f.visits)} />
        <Figure id="wait" label={t('stats.meanWait')} value={minutesText(t, language, f.meanWaitMs)} />
        <Figure id="max-wait" label={t('stats.maxWait')} value={minutesText(t, language, f.maxWaitMs)} />
        <Figure id="walk" label={t('stats.meanWalk')} value={minutesText(t, language, f.meanWalkMs)} />
        <Figure id="transaction" label={t('stats.meanTransaction')} value={minutesText(t, language, f.meanTransactionMs)} />
        <Figure id="level" label={t('stats.serviceLevel')} value={percentText(t, language, f.serviceLevel)} />
        <Figure id="no-show" label={t('stats.noShowRate')} value={percentText(t, language, f.noShowRate)} />
        <Figure id="abandonment" label={t('stats.abandonment')} value={percentText(t, language, f.abandonmentRate)} />
        <Figure id="fcr" label={t('stats.fcr')} value={percentText(t, language, f.firstContactResolution)} />
        <Figure id="transfers" label={t('stats.transfers')} value={String(f.transfers)} />
        <Figure id="recalls" label={t('stats.recalls')} value={String(f.recalls)} />
      </dl>
      <FiguresTable
        caption={t('stats.byService')}
        testId="stats-by-service"
        rows={inHallOrder(summary.byService, snapshot.services).map((s) => ({ key: s.serviceId, label: serviceName(s.serviceId), f: s }))}
      />
      <FiguresTable
        caption={t('stats.byCounter')}
        testId="stats-by-counter"
        rows={summary.byCounter.map((s) => ({ key: s.counterId ?? '-', label: counterName(s.counterId), f: s }))}
      />
      <FiguresTable
        caption={t('stats.byStaff')}
        testId="stats-by-staff"
        rows={summary.byStaff.map((s) => ({ key: String(s.userId ?? '-'), label: s.userName ?? t('stats.noStaff'), f: s }))}
      />
      <CsvLink url={path('statsSummary', {}, query)} token={token} table={t('stats.summaryTables')} fileName="summary.csv" />
    </section>
  );
}

function FiguresTable({ caption, testId, rows }: { caption: string; testId: string; rows: { key: string; label: string; f: StatsFigures }[] }) {
  const { t, language } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            {columns(t).map(([key, label]) => (
              <th scope="col" key={key}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8}>{t('stats.noVisits')}</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.key} data-testid={`${testId}-${r.key}`}>
              <th scope="row">{r.label}</th>
              <td>{r.f.visits}</td>
              <td>{minutesText(t, language, r.f.meanWaitMs)}</td>
              <td>{percentText(t, language, r.f.serviceLevel)}</td>
              <td>{percentText(t, language, r.f.noShowRate)}</td>
              <td>{percentText(t, language, r.f.abandonmentRate)}</td>
              <td>{percentText(t, language, r.f.firstContactResolution)}</td>
              <td>{r.f.transfers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function columns(t: Translate): [string, string][] {
  return [
    ['visits', t('stats.visits')],
    ['wait', t('stats.meanWait')],
    ['level', t('stats.serviceLevel')],
    ['noShow', t('stats.noShowRate')],
    ['abandonment', t('stats.abandonment')],
    ['fcr', t('stats.fcr')],
    ['transfers', t('stats.transfers')],
  ];
}
