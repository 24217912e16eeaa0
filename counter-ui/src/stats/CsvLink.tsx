import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { downloadFile } from '../api/download.js';
import { ApiFailure } from '../api/client.js';

interface Props {
  /** API path with its query, without `format` (e.g. `/stats/daily?from=…`). */
  path: string;
  token: string;
  /** Names the table for the link text read by screen readers. */
  table: string;
  fileName: string;
}

/** "Download as CSV": the API's `format=csv`, fetched with the bearer token and saved as a file. */
export function CsvLink({ path, token, table, fileName }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const href = `${path}${path.includes('?') ? '&' : '?'}format=csv`;
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
        href={`/api/v1${href}`}
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
