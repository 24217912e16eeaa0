import type { StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import type { StoredSession } from '../api/session.js';
import { useAction } from '../hooks/useAction.js';
import { useNow, useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { CountersTable } from './CountersTable.js';
import { ServicesTable } from './ServicesTable.js';
import { StrandedTable } from './StrandedTable.js';
import { AnnouncementForm } from './AnnouncementForm.js';
import { DeviceAlerts } from '../components/DeviceAlerts.js';
import { CentralShipping } from './CentralShipping.js';
import { AuditPanel } from '../admin/AuditPanel.js';
import { NotificationsPanel } from './NotificationsPanel.js';

interface Props {
  snapshot: StaffSnapshot;
  session: StoredSession;
  clockOffset: number;
  onExpired(): void;
}

/** The whole hall for supervisors: counters, queues against their targets, and the controls to steer them. */
export function SupervisorView({ snapshot, session, clockOffset, onExpired }: Props) {
  const { t } = useI18n();
  useTitle(t('sup.title'));
  const now = useNow(clockOffset);
  const runner = useAction(onExpired);
  if (session.user.role === 'staff') {
    return (
      <main id="main">
        <h1>{t('sup.title')}</h1>
        <div className="notice notice--important" data-testid="not-allowed">
          <p>{t('sup.notAllowed')}</p>
        </div>
        <p>
          <a href="#/">{t('sup.back')}</a>
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="supervisor">
      <ErrorSummary message={runner.error} onDismiss={runner.clearError} />
      <h1>{t('sup.title')}</h1>
      {snapshot.services.some((s) => s.appointments) ? (
        <p>
          <a href="#/appointments">{t('sup.appointmentsLink')}</a>
        </p>
      ) : null}
      <DeviceAlerts devices={snapshot.devices} />
      <CentralShipping token={session.token} />
      <StrandedTable snapshot={snapshot} token={session.token} runner={runner} />
      <NotificationsPanel token={session.token} runner={runner} />
      <CountersTable snapshot={snapshot} token={session.token} now={now} runner={runner} />
      <ServicesTable snapshot={snapshot} token={session.token} now={now} runner={runner} />
      <AnnouncementForm current={snapshot.announcement} token={session.token} runner={runner} />
      <AuditPanel users={[]} token={session.token} />
    </main>
  );
}
