import { useCallback, useEffect, useState } from 'react';
import type { NotificationsStatusView, OutboxMessageView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api  } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { BusyButton } from '../components/BusyButton.js';

const POLL_MS = 15_000;

/**
 * Messages to visitors (email, SMS, push): which channels the hall has, why push is not possible when it is not,
 * how the outbox is doing, and the messages that could not be delivered, each with "Send again". Addresses are
 * only ever shown masked.
 */
export function NotificationsPanel({ token, runner, idPrefix = 'sup' }: { token: string; runner: ActionRunner; idPrefix?: string }) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [status, setStatus] = useState<NotificationsStatusView | null>(null);
  const [failed, setFailed] = useState<OutboxMessageView[]>([]);
  const titleId = `${idPrefix}-notify-title`;

  const load = useCallback(async () => {
    try {
      const [s, f] = await Promise.all([
        api('notificationsStatus', token),
        api('notifications', token, { query: { status: 'failed', limit: 50 } }),
      ]);
      setStatus(s);
      setFailed(f);
    } catch {
      // Shown as before; the next poll tries again.
    }
  }, [token]);

  useEffect(() => {
    void load();
    const id = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(id);
  }, [load]);

  if (!status) return null;
  const push = status.channels.push;
  const pushText = push.available
    ? t('notify.available')
    : push.reason === 'disabled'
      ? t('notify.pushDisabled')
      : status.publicUrl
        ? t('notify.pushNotHttps', { url: status.publicUrl })
        : t('notify.pushNoUrl');

  const retry = async (m: OutboxMessageView) => {
    const r = await runner.run(() => api('retryNotification', token, { params: { id: m.id } }));
    if (r) {
      announce(t('notify.retried', { number: m.number ?? '' }));
      await load();
    }
  };

  return (
    <section className="panel" aria-labelledby={titleId} data-testid="notify-panel">
      <h2 id={titleId}>{t('notify.title')}</h2>
      <dl className="facts">
        <dt>{t('notify.email')}</dt>
        <dd>{status.channels.email ? t('notify.setUp') : t('notify.notSetUp')}</dd>
        <dt>{t('notify.sms')}</dt>
        <dd>{status.channels.sms ? t('notify.setUp') : t('notify.notSetUp')}</dd>
        <dt>{t('notify.push')}</dt>
        <dd data-testid="notify-push">{pushText}</dd>
      </dl>
      <p>{t('notify.counts', status.counts)}</p>
      <h3>{t('notify.failed', { count: failed.length })}</h3>
      {failed.length === 0 ? (
        <p>{t('notify.failedNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('notify.failedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.number')}</th>
                <th scope="col">{t('notify.to')}</th>
                <th scope="col">{t('notify.kind')}</th>
                <th scope="col">{t('notify.attempts')}</th>
                <th scope="col">{t('notify.lastError')}</th>
                <th scope="col">{t('notify.action')}</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((m) => (
                <tr key={m.id} data-testid={`notify-failed-${m.id}`}>
                  <th scope="row">{m.number ?? '–'}</th>
                  <td>
                    {t(`notify.${m.channel}`)}: {m.masked}
                  </td>
                  <td>{t(`notify.kind.${m.kind}`)}</td>
                  <td>
                    {m.attempts}
                    {m.lastAttemptAt ? ` (${new Date(m.lastAttemptAt).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })})` : ''}
                  </td>
                  <td>{m.lastError ?? ''}</td>
                  <td>
                    <BusyButton
                      type="button"
                      className="button button--secondary"
                      busy={runner.busy}
                      onClick={() => void retry(m)}
                      aria-label={`${t('notify.retry')} (${m.number ?? m.id})`}
                    >
                      {t('notify.retry')}
                    </BusyButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
