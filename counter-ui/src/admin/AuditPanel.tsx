import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { AUDIT_KINDS, type AuditEntryView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { downloadFile } from '../api/download.js';
import { formatDateTime } from './integrationFormat.js';
import type { AdminUser } from './useAdminData.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  users: AdminUser[];
  token: string;
}

const PAGE = 50;

/**
 * The audit log: who did what, when, from where, with before/after; filters and a CSV download. Admins filter by
 * account; a supervisor (no account list) sees their organisation's staff's actions, as the server decides.
 */
export function AuditPanel({ users, token }: Props) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState({ userId: '', kind: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const query = useCallback(() => {
    return {
      limit: PAGE,
      userId: filter.userId,
      kind: filter.kind,
      from: filter.from ? new Date(`${filter.from}T00:00:00`).getTime() : null,
      to: filter.to ? new Date(`${filter.to}T00:00:00`).getTime() + 86_400_000 : null,
    };
  }, [filter]);
  const load = useCallback(async () => {
    try {
      setEntries(await api('audit', token, { query: query() }));
      setMessage(null);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : t('error.unknown'));
    }
  }, [query, token, t]);
  useEffect(() => {
    void load();
    // Loads once on mount; later on "Show" (the filter is a draft until then).
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };
  const csv = async () => {
    try {
      await downloadFile(path('audit', {}, { ...query(), limit: 1000, format: 'csv' }), token, 'vuoro-audit.csv');
    } catch (err) {
      setMessage(err instanceof Error ? err.message : t('error.unknown'));
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title">{t('integrations.audit')}</h2>
      <form onSubmit={submit} className="inline-form">
        {users.length > 0 ? (
        <div className="field">
          <label htmlFor="audit-user">{t('integrations.who')}</label>
          <select id="audit-user" value={filter.userId} onChange={(e) => setFilter({ ...filter, userId: e.target.value })}>
            <option value="">{t('integrations.anyone')}</option>
            {users.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.username}
              </option>
            ))}
          </select>
        </div>
        ) : null}
        <div className="field">
          <label htmlFor="audit-kind">{t('integrations.what')}</label>
          <select id="audit-kind" value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.target.value })}>
            <option value="">{t('integrations.anything')}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('integrations.fromDate')}</label>
          <input id="audit-from" type="date" value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('integrations.toDate')}</label>
          <input id="audit-to" type="date" value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            {t('integrations.show')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void csv()}>
            {t('integrations.downloadCsv')}
          </button>
        </div>
      </form>
      {message ? (
        <p className="error-message" role="alert">
          {message}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="admin-audit">
          <caption className="visually-hidden">{t('integrations.audit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.when')}</th>
              <th scope="col">{t('integrations.who')}</th>
              <th scope="col">{t('integrations.what')}</th>
              <th scope="col">{t('integrations.fromWhere')}</th>
              <th scope="col">{t('integrations.change')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 ? (
              <tr>
                <td colSpan={5}>{t('integrations.noAudit')}</td>
              </tr>
            ) : null}
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, language)}</td>
                <th scope="row">{e.actor}</th>
                <td>
                  <code>{e.kind}</code> {e.target ?? ''}
                </td>
                <td>{e.sourceIp ?? ''}</td>
                <td>
                  <details>
                    <summary>{t('integrations.beforeAfter')}</summary>
                    <pre className="audit-json">{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
