import type { KnowledgeFiguresView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';

/** Searches that found nothing, by week: the first `limit` rows of `missing`. */
export function MissingTable({ missing, limit }: { missing: KnowledgeFiguresView['missing']; limit: number }) {
  const { t } = useI18n();
  return (
    <table className="table">
      <caption className="visually-hidden">{t('review.missing')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.weekColumn')}</th>
          <th scope="col">{t('review.missingQuery')}</th>
          <th scope="col">{t('review.missingCount')}</th>
        </tr>
      </thead>
      <tbody>
        {missing.slice(0, limit).map((m) => (
          <tr key={`${m.week}-${m.query}`}>
            <td>{m.week}</td>
            <td>{m.query}</td>
            <td>{m.searches}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
