import { useMemo, type MouseEvent } from 'react';
import type { StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import type { StoredSession } from '../api/session.js';
import { useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { NotAllowed } from '../components/NotAllowed.js';
import { ServiceEditor } from './ServiceEditor.js';
import { CounterEditor } from './CounterEditor.js';
import { UsersPanel } from './UsersPanel.js';
import { ConfigTransfer } from './ConfigTransfer.js';
import { ApiKeysPanel } from './ApiKeysPanel.js';
import { WebhooksPanel } from './WebhooksPanel.js';
import { AuditPanel } from './AuditPanel.js';
import { KioskCredentials } from './KioskCredentials.js';
import { MayHelpPanel } from './MayHelpPanel.js';
import { SignInsPanel } from './SignInsPanel.js';
import { useAdminData } from './useAdminData.js';
import { OpsPanel } from './OpsPanel.js';
import { VisitorDataPanel } from './VisitorDataPanel.js';
import { NotificationsPanel } from '../supervisor/NotificationsPanel.js';
import { useAction } from '../hooks/useAction.js';

/** In-page links that do not change the hash route. */
function jump(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  const id = e.currentTarget.getAttribute('href')?.slice(1) ?? '';
  document.getElementById(id)?.scrollIntoView();
}

interface Props {
  snapshot: StaffSnapshot;
  session: StoredSession;
  onExpired(): void;
}

/** Hall administration for admins: the system status, services, counters, staff accounts, and the whole configuration as a file. */
export function AdminView({ snapshot, session, onExpired }: Props) {
  if (session.user.role !== 'admin') return <NotAllowed titleKey="admin.title" messageKey="admin.notAllowed" />;
  return <Admin snapshot={snapshot} session={session} onExpired={onExpired} />;
}

function Admin({ snapshot, session, onExpired }: Props) {
  const { t } = useI18n();
  useTitle(t('admin.title'));
  // A configuration pushed by the server (hall:config, e.g. another admin's change) reloads the forms' data; queue
  // changes, which also renew the snapshot, do not.
  const configKey = useMemo(
    () => JSON.stringify([snapshot.organisations, snapshot.services.map((s) => [s.id, s.prefix, s.name, s.targetMinutes]), snapshot.counters.map((c) => [c.id, c.label])]),
    [snapshot.organisations, snapshot.services, snapshot.counters],
  );
  const data = useAdminData(session.token, configKey, onExpired);
  const runner = useAction(onExpired);
  return (
    <main id="main" className="admin">
      <ErrorSummary message={data.failure?.message ?? runner.error} onDismiss={runner.clearError} />
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.sections')}>
        <ul className="section-links">
          <li>
            <a href="#admin-ops-title" onClick={jump}>{t('ops.title')}</a>
          </li>
          <li>
            <a href="#admin-services-title" onClick={jump}>{t('admin.services')}</a>
          </li>
          <li>
            <a href="#admin-counters-title" onClick={jump}>{t('admin.counters')}</a>
          </li>
          <li>
            <a href="#admin-users-title" onClick={jump}>{t('admin.users')}</a>
          </li>
          <li>
            <a href="#admin-mayhelp-title" onClick={jump}>{t('admin.mayHelp')}</a>
          </li>
          <li>
            <a href="#admin-kiosks-title" onClick={jump}>{t('admin.kioskCredentials')}</a>
          </li>
          <li>
            <a href="#admin-signins-title" onClick={jump}>{t('admin.signIns')}</a>
          </li>
          <li>
            <a href="#admin-config-title" onClick={jump}>{t('admin.config')}</a>
          </li>
          <li>
            <a href="#admin-keys-title" onClick={jump}>{t('integrations.apiKeys')}</a>
          </li>
          <li>
            <a href="#admin-hooks-title" onClick={jump}>{t('integrations.webhooks')}</a>
          </li>
          <li>
            <a href="#admin-notify-title" onClick={jump}>{t('notify.title')}</a>
          </li>
          <li>
            <a href="#admin-audit-title" onClick={jump}>{t('integrations.audit')}</a>
          </li>
          <li>
            <a href="#admin-erase-title" onClick={jump}>{t('erase.title')}</a>
          </li>
        </ul>
      </nav>
      <OpsPanel token={session.token} onExpired={onExpired} />
      {data.config ? (
        <>
          <ServiceEditor config={data.config} token={session.token} onSaved={data.reload} />
          <CounterEditor config={data.config} token={session.token} onSaved={data.reload} />
          <UsersPanel config={data.config} users={data.users} token={session.token} onSaved={data.reload} />
          <MayHelpPanel config={data.config} token={session.token} />
          <KioskCredentials config={data.config} token={session.token} />
          <SignInsPanel token={session.token} timeZone={snapshot.hall.timeZone} />
          <ConfigTransfer token={session.token} onSaved={data.reload} />
          <ApiKeysPanel config={data.config} token={session.token} />
          <WebhooksPanel config={data.config} token={session.token} />
          <NotificationsPanel token={session.token} runner={runner} idPrefix="admin" />
          <AuditPanel users={data.users} token={session.token} />
          <VisitorDataPanel token={session.token} />
        </>
      ) : (
        <p role="status">{t('stats.loading')}</p>
      )}
    </main>
  );
}
