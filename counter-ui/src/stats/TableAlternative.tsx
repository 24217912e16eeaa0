import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  caption: string;
  testId: string;
  /** The header row's cells. */
  head: ReactNode;
  children: ReactNode;
  /** Open by default (e.g. when the table is the main view). */
  open?: boolean;
}

/** The figures of a chart as a table with a caption, disclosed on demand so the page stays short. */
export function TableAlternative({ caption, testId, head, children, open = false }: Props) {
  const { t } = useI18n();
  return (
    <details className="table-details" open={open}>
      <summary>{t('stats.showTable', { table: caption })}</summary>
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <caption>{caption}</caption>
          <thead>{head}</thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </details>
  );
}
