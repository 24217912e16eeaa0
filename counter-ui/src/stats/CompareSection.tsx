import { useState, type FormEvent } from 'react';
import type { Comparison, StatsFigures } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import { useI18n, type MessageKey, type Translate } from '../i18n/i18n.js';
import { api, ApiFailure } from '../api/client.js';
import { CsvLink } from './CsvLink.js';
import { minutesText, percentText } from './figureText.js';
import { addDays, type StatsQueryParams } from './statsQuery.js';

interface Props {
  token: string;
  today: string;
  /** The screen's organisation and service filters. */
  query: StatsQueryParams;
  onExpired(): void;
}

type Kind = 'count' | 'minutes' | 'share';
const ROWS: [keyof StatsFigures, Kind, MessageKey][] = [
  ['visits', 'count', 'stats.visits'],
  ['meanWaitMs', 'minutes', 'stats.meanWait'],
  ['maxWaitMs', 'minutes', 'stats.maxWait'],
  ['meanWalkMs', 'minutes', 'stats.meanWalk'],
  ['meanTransactionMs', 'minutes', 'stats.meanTransaction'],
  ['serviceLevel', 'share', 'stats.serviceLevel'],
  ['noShowRate', 'share', 'stats.noShowRate'],
  ['abandonmentRate', 'share', 'stats.abandonment'],
  ['firstContactResolution', 'share', 'stats.fcr'],
  ['transfers', 'count', 'stats.transfers'],
];

function text(t: Translate, language: string, kind: Kind, v: number | null): string {
  if (kind === 'minutes') return minutesText(t, language, v);
  if (kind === 'share') return percentText(t, language, v);
  return v === null ? t('stats.none') : v.toLocaleString(language);
}

function signed(t: Translate, language: string, kind: Kind, a: number | null, b: number | null): string {
  if (a === null || b === null) return t('stats.none');
  const d = b - a;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  if (kind === 'count') return `${sign}${Math.abs(d).toLocaleString(language)}`;
  return sign + text(t, language, kind, Math.abs(d));
}

/** Before/after: two periods side by side with the difference, and whether the change in the mean wait is likely real. */
export function CompareSection({ token, today, query, onExpired }: Props) {
  const { t, language } = useI18n();
  const [dates, setDates] = useState({ aFrom: addDays(today, -13), aTo: addDays(today, -7), bFrom: addDays(today, -6), bTo: today });
  const [result, setResult] = useState<Comparison | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const q = { ...dates, organisationId: query.organisationId ?? '', serviceId: query.serviceId ?? '' };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    api('statsCompare', token, { query: q }).then(setResult, (err: unknown) => {
      if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
      setFailure(err instanceof ApiFailure ? err.message : String(err));
    });
  };
  const field = (key: keyof typeof dates, label: string) => (
    <div className="field">
      <label htmlFor={`compare-${key}`}>{label}</label>
      <input id={`compare-${key}`} type="date" value={dates[key]} onChange={(e) => setDates({ ...dates, [key]: e.target.value })} />
    </div>
  );
  const w = result?.meanWait;
  return (
    <section className="panel" aria-labelledby="stats-compare-title" data-testid="stats-compare">
      <h2 id="stats-compare-title">{t('compare.title')}</h2>
      <p>{t('compare.explain')}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('compare.before')}</legend>
          {field('aFrom', t('compare.first'))}
          {field('aTo', t('compare.last'))}
        </fieldset>
        <fieldset>
          <legend>{t('compare.after')}</legend>
          {field('bFrom', t('compare.first'))}
          {field('bTo', t('compare.last'))}
        </fieldset>
        <button type="submit" className="button">
          {t('compare.show')}
        </button>
      </form>
      {failure ? (
        <p className="error-message" role="alert">
          {failure}
        </p>
      ) : null}
      <div role="status">
        {result && w ? (
          <p data-testid="compare-verdict">
            {w.diffMs === null
              ? t('compare.noWaits')
              : t(w.likelyReal ? 'compare.real' : 'compare.notReal', {
                  diff: signed(t, language, 'minutes', 0, w.diffMs),
                  low: signed(t, language, 'minutes', 0, w.lowMs),
                  high: signed(t, language, 'minutes', 0, w.highMs),
                })}
          </p>
        ) : null}
      </div>
      {result ? (
        <div className="table-wrap">
          <table className="table" data-testid="compare-table">
            <caption>{t('compare.table', { a: `${result.a.from} – ${result.a.to}`, b: `${result.b.from} – ${result.b.to}` })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('compare.figure')}</th>
                <th scope="col">{t('compare.before')}</th>
                <th scope="col">{t('compare.after')}</th>
                <th scope="col">{t('compare.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([key, kind, label]) => {
                const a = result.a.figures[key];
                const b = result.b.figures[key];
                const x = typeof a === 'number' ? a : null;
                const y = typeof b === 'number' ? b : null;
                return (
                  <tr key={key} data-testid={`compare-${key}`}>
                    <th scope="row">{t(label)}</th>
                    <td>{text(t, language, kind, x)}</td>
                    <td>{text(t, language, kind, y)}</td>
                    <td>{signed(t, language, kind, x, y)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {result ? <CsvLink url={path('statsCompare', {}, q)} token={token} table={t('compare.title')} fileName="compare.csv" /> : null}
    </section>
  );
}
