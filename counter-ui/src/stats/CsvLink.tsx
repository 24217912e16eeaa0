import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { downloadFile } from '../api/download.js';
import { ApiFailure } from '../api/client.js';

interface Props {
  /** The JSON answer's path with its query, without `format` (e.g. `path('statsDaily', {}, query)`). */
  url: string;
  token: string;
  /** Names the table for the link text read by screen readers. */
  table: string;
  fileName: string;
}

/** "Download as CSV": the API's `format=csv`, fetched with the bearer token and saved as a file. */
export function CsvLink({ url, token, table, fileName }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const href = `${url}${url.includes('?') ? '&' : '?'}format=csv`;
  const download = async () => {
    setError(null);
    try {
      await downloadFile(href, token, fileName);
    } catch (err) {
      setError(err instanceof ApiFailure && err.code !== 'network' ? err.message : t('error.network'));
    }
  };
  return (
    <p className="csv-link">
      <a
        href={href}
        download={fileName}
        onClick={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        {t('stats.csv')}
        <span className="visually-hidden"> – {table}</span>
      </a>
      {error ? (
        <span className="error-message" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </p>
  );
}
