import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { WEBHOOK_EVENT_TYPES, type CreatedWebhook, type HallConfig, type WebhookDeliveryView, type WebhookView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { SecretOnce } from './SecretOnce.js';
import { OrganisationSelect } from './OrganisationSelect.js';
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

const EMPTY = { url: '', description: '', eventTypes: [] as string[], organisationId: '', allowHttp: false };
const FIELDS = new Set(['url', 'description', 'eventTypes', 'organisationId', 'allowHttp']);

/** Webhook subscriptions: the list (pause, delete, dead deliveries with replay) and a form that shows the secret once. */
export function WebhooksPanel({ config, token }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [hooks, setHooks] = useState<WebhookView[]>([]);
  const [dead, setDead] = useState<{ id: number; deliveries: WebhookDeliveryView[] } | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => setHooks(await api('webhooks', token)), [token]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  const labels: Record<string, string> = {
    'hook-url': t('integrations.url'),
    'hook-description': t('integrations.description'),
    'hook-eventTypes': t('integrations.eventTypes'),
    'hook-organisationId': t('stats.organisation'),
    'hook-allowHttp': t('integrations.allowHttp'),
  };
  const fail = (err: unknown) => setErrors(errorsFrom(err, (p) => (FIELDS.has(p.split('.')[0] ?? '') ? `hook-${p.split('.')[0]}` : null), t('error.network')));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api('createWebhook', token, { body: { ...draft, organisationId: draft.organisationId || null } });
      setCreated(r);
      setErrors({});
      setDraft(EMPTY);
      announce(t('integrations.hookCreated', { url: r.webhook.url }));
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const act = async (what: () => Promise<unknown>, message: string) => {
    try {
      await what();
      announce(message);
      await load();
    } catch (err) {
      fail(err);
    }
  };
  const showDead = async (id: number) => {
    if (dead?.id === id) {
      setDead(null);
      return;
    }
    try {
      setDead({ id, deliveries: await api('webhookDeliveries', token, { params: { id }, query: { status: 'dead' } }) });
    } catch (err) {
      fail(err);
    }
  };
  const replay = async (d: WebhookDeliveryView) => {
    await act(() => api('replayDelivery', token, { params: { id: d.id } }), t('integrations.replayed', { id: String(d.eventId) }));
    setDead((cur) => (cur ? { ...cur, deliveries: cur.deliveries.filter((x) => x.id !== d.id) } : cur));
  };

  return (
    <section className="panel" aria-labelledby="admin-hooks-title">
      <h2 id="admin-hooks-title">{t('integrations.webhooks')}</h2>
      <p className="hint">{t('integrations.webhooksHint')}</p>
      <div className="table-wrap">
        <table className="table" data-testid="admin-webhooks">
          <caption className="visually-hidden">{t('integrations.webhooks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.url')}</th>
              <th scope="col">{t('integrations.eventTypes')}</th>
              <th scope="col">{t('integrations.deliveries')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.change')}</th>
            </tr>
          </thead>
          <tbody>
            {hooks.map((w) => (
              <tr key={w.id} data-testid={`webhook-${w.id}`}>
                <th scope="row">
                  <span className="break">{w.url}</span>
                  {w.description ? <span className="hint"> {w.description}</span> : null}
                </th>
                <td>{w.eventTypes.join(', ')}</td>
                <td>{t('integrations.counts', { pending: String(w.counts.pending), delivered: String(w.counts.delivered), dead: String(w.counts.dead) })}</td>
                <td>{w.active ? t('admin.active') : t('integrations.paused')}</td>
                <td>
                  <div className="button-row">
                    <button type="button" className="button button--small button--secondary" onClick={() => void act(() => api('updateWebhook', token, { params: { id: w.id }, body: { active: !w.active } }), w.active ? t('integrations.paused') : t('admin.active'))}>
                      {w.active ? t('integrations.pause') : t('integrations.resume')}
                      <span className="visually-hidden"> {w.url}</span>
                    </button>
                    <button type="button" className="button button--small button--secondary" aria-expanded={dead?.id === w.id} onClick={() => void showDead(w.id)}>
                      {t('integrations.showDead')}
                      <span className="visually-hidden"> {w.url}</span>
                    </button>
                    <button type="button" className="button button--small button--secondary" onClick={() => void act(() => api('deleteWebhook', token, { params: { id: w.id } }), t('integrations.hookDeleted'))}>
                      {t('integrations.delete')}
                      <span className="visually-hidden"> {w.url}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dead ? (
        <div className="table-wrap">
          <table className="table" data-testid="webhook-dead">
            <caption>{t('integrations.deadTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrations.event')}</th>
                <th scope="col">{t('integrations.attempts')}</th>
                <th scope="col">{t('integrations.lastError')}</th>
                <th scope="col">{t('admin.change')}</th>
              </tr>
            </thead>
            <tbody>
              {dead.deliveries.length === 0 ? (
                <tr>
                  <td colSpan={4}>{t('integrations.noDead')}</td>
                </tr>
              ) : null}
              {dead.deliveries.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.eventType} #{d.eventId} <span className="hint">{formatDateTime(d.createdAt, language)}</span>
                  </th>
                  <td>{d.attempts}</td>
                  <td>{d.lastError}</td>
                  <td>
                    <button type="button" className="button button--small button--secondary" onClick={() => void replay(d)}>
                      {t('integrations.replay')}
                      <span className="visually-hidden"> #{d.eventId}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {created ? <SecretOnce testId="webhook-secret" text={t('integrations.hookSecretOnce')} secret={created.secret} onDone={() => setCreated(null)} /> : null}
      <h3>{t('integrations.newHook')}</h3>
      <form onSubmit={(e) => void create(e)} noValidate>
        <FormErrorSummary errors={errors} labels={labels} idPrefix="hook" />
        <TextField id="hook-url" value={draft.url} hint={t('integrations.urlHint')} onChange={(v) => setDraft({ ...draft, url: v })} errors={errors} labels={labels} />
        <TextField id="hook-description" value={draft.description} onChange={(v) => setDraft({ ...draft, description: v })} errors={errors} labels={labels} />
        <fieldset className={`field${errors['hook-eventTypes'] ? ' field--error' : ''}`} id="hook-eventTypes">
          <legend>{labels['hook-eventTypes']}</legend>
          {errors['hook-eventTypes'] ? <p className="error-message">{errors['hook-eventTypes']}</p> : null}
          <div className="check-columns">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.eventTypes.includes(type)}
                  onChange={(e) => setDraft({ ...draft, eventTypes: e.target.checked ? [...draft.eventTypes, type] : draft.eventTypes.filter((x) => x !== type) })}
                />
                <code>{type}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="inline-form">
          <OrganisationSelect id="hook-organisationId" label={labels['hook-organisationId']} value={draft.organisationId} organisations={config.organisations} onChange={(v) => setDraft({ ...draft, organisationId: v })} />
          <label className="checkbox">
            <input type="checkbox" id="hook-allowHttp" checked={draft.allowHttp} onChange={(e) => setDraft({ ...draft, allowHttp: e.target.checked })} />
            {labels['hook-allowHttp']}
          </label>
        </div>
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={busy}>
            {t('integrations.createHook')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
