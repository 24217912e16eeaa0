import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { API_SCOPES, type ApiKeyView, type ApiScope, type CreatedApiKey, type HallConfig } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { SecretOnce } from './SecretOnce.js';
import { OrganisationSelect, useOrganisationName } from './OrganisationSelect.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { formatDateTime } from './integrationFormat.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { TextField } from './TextField.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  config: HallConfig;
  token: string;
}

const EMPTY = { name: '', scopes: [] as ApiScope[], organisationId: '', expires: '', ratePerMinute: '120' };

/** API keys for integrations: the list with revoke, and a form that shows a new key's secret once. */
export function ApiKeysPanel({ config, token }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [keys, setKeys] = useState<ApiKeyView[]>([]);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => setKeys(await api('apiKeys', token)), [token]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  const org = useOrganisationName(config.organisations);
  const labels: Record<string, string> = {
    'key-name': t('integrations.keyName'),
    'key-scopes': t('integrations.scopes'),
    'key-organisationId': t('stats.organisation'),
    'key-expiresAt': t('integrations.expires'),
    'key-ratePerMinute': t('integrations.ratePerMinute'),
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const expiresAt = draft.expires ? new Date(`${draft.expires}T23:59:59`).getTime() : null;
      const rate = Number(draft.ratePerMinute);
      const body = { name: draft.name, scopes: draft.scopes, organisationId: draft.organisationId || null, expiresAt, ratePerMinute: Number.isFinite(rate) ? rate : 0 };
      const r = await api('createApiKey', token, { body });
      setCreated(r);
      setErrors({});
      setDraft(EMPTY);
      announce(t('integrations.keyCreated', { name: r.key.name }));
      await load();
    } catch (err) {
      setErrors(errorsFrom(err, (p) => (p.split('.')[0] ?? '') in labelsByField ? `key-${p.split('.')[0]}` : null, t('error.network')));
    } finally {
      setBusy(false);
    }
  };
  const labelsByField = { name: 1, scopes: 1, organisationId: 1, expiresAt: 1, ratePerMinute: 1 };

  const revoke = async (k: ApiKeyView) => {
    try {
      await api('revokeApiKey', token, { params: { id: k.id } });
      announce(t('integrations.keyRevoked', { name: k.name }));
      await load();
    } catch (err) {
      setErrors(errorsFrom(err, () => null, t('error.network')));
    }
  };

  const toggleScope = (s: ApiScope, on: boolean) =>
    setDraft({ ...draft, scopes: on ? [...draft.scopes, s] : draft.scopes.filter((x) => x !== s) });

  return (
    <section className="panel" aria-labelledby="admin-keys-title">
      <h2 id="admin-keys-title">{t('integrations.apiKeys')}</h2>
      <p className="hint">{t('integrations.apiKeysHint')}</p>
      <div className="table-wrap">
        <table className="table" data-testid="admin-api-keys">
          <caption className="visually-hidden">{t('integrations.apiKeys')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.keyName')}</th>
              <th scope="col">{t('integrations.scopes')}</th>
              <th scope="col">{t('stats.organisation')}</th>
              <th scope="col">{t('integrations.expires')}</th>
              <th scope="col">{t('integrations.lastUsed')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.change')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-testid={`api-key-${k.id}`}>
                <th scope="row">
                  {k.name} <code>{k.prefix}…</code>
                </th>
                <td>{k.scopes.join(', ')}</td>
                <td>{org(k.organisationId)}</td>
                <td>{k.expiresAt === null ? t('integrations.never') : formatDateTime(k.expiresAt, language)}</td>
                <td>{k.lastUsedAt === null ? t('integrations.notYet') : formatDateTime(k.lastUsedAt, language)}</td>
                <td>{k.revokedAt !== null ? t('integrations.revoked') : k.expiresAt !== null && k.expiresAt <= Date.now() ? t('integrations.expired') : t('admin.active')}</td>
                <td>
                  {k.revokedAt === null ? (
                    <button type="button" className="button button--small button--secondary" onClick={() => void revoke(k)}>
                      {t('integrations.revoke')}
                      <span className="visually-hidden"> {k.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {created ? <SecretOnce testId="api-key-secret" text={t('integrations.secretOnce', { name: created.key.name })} secret={created.secret} onDone={() => setCreated(null)} /> : null}
      <h3>{t('integrations.newKey')}</h3>
      <form onSubmit={(e) => void create(e)} noValidate>
        <FormErrorSummary errors={errors} labels={labels} idPrefix="key" />
        <TextField id="key-name" value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })} errors={errors} labels={labels} />
        <fieldset className={`field${errors['key-scopes'] ? ' field--error' : ''}`} id="key-scopes">
          <legend>{labels['key-scopes']}</legend>
          {errors['key-scopes'] ? <p className="error-message">{errors['key-scopes']}</p> : null}
          {API_SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" checked={draft.scopes.includes(s)} onChange={(e) => toggleScope(s, e.target.checked)} />
              <code>{s}</code> {t(`integrations.scope.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="inline-form">
          <OrganisationSelect id="key-organisationId" label={labels['key-organisationId']} value={draft.organisationId} organisations={config.organisations} onChange={(v) => setDraft({ ...draft, organisationId: v })} />
          <div className={`field${errors['key-expiresAt'] ? ' field--error' : ''}`}>
            <label htmlFor="key-expiresAt">{labels['key-expiresAt']}</label>
            {errors['key-expiresAt'] ? <p className="error-message">{errors['key-expiresAt']}</p> : null}
            <input id="key-expiresAt" type="date" value={draft.expires} onChange={(e) => setDraft({ ...draft, expires: e.target.value })} />
          </div>
          <TextField id="key-ratePerMinute" inputMode="numeric" width="8ch" value={draft.ratePerMinute} onChange={(v) => setDraft({ ...draft, ratePerMinute: v })} errors={errors} labels={labels} />
        </div>
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={busy}>
            {t('integrations.createKey')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
