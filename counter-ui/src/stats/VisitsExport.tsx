import type { StatsQueryParams } from './statsQuery.js';
import { useI18n } from '../i18n/i18n.js';
import { CsvLink } from './CsvLink.js';
import { path } from '@vuoro/server/protocol/client';

/** The raw visit list of the period (up to 100,000 visits per file) for a spreadsheet. */
export function VisitsExport({ token, query }: { token: string; query: StatsQueryParams }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="stats-visits-title">
      <h2 id="stats-visits-title">{t('stats.visitList')}</h2>
      <p>{t('stats.visitListHint')}</p>
      <CsvLink url={path('statsVisits', {}, { ...query, pageSize: 100000 })} token={token} table={t('stats.visitList')} fileName="visits.csv" />
    </section>
  );
}
