import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus, BackupView, OpsStatus } from '@vuoro/server/protocol';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { ApiFailure, api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { KIND_KEYS, STATE_KEYS } from '../components/DeviceAlerts.js';
import { BusyButton } from '../components/BusyButton.js';

const REFRESH_MS = 15_000;
const HEALTH_KEYS: Record<OpsStatus['health']['status'], MessageKey> = {
  ok: 'ops.health.ok',
  degraded: 'ops.health.degraded',
  error: 'ops.health.error',
};

function bytes(n: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}

/**
 * The server at a glance for the admin: version, uptime, database, disk, health, backups (with "Back up now"),
 * devices, the displays and kiosks connected with their last contact and clock difference, and how long personal
 * data is kept. Refreshed every 15 seconds.
 */
export function OpsPanel({ token, onExpired }: { token: string; onExpired(): void }) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [status, setStatus] = useState<OpsStatus | null>(null);
  const [backups, setBackups] = useState<BackupStatus | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [s, b] = await Promise.all([api('adminStatus', token), api('backups', token)]);
      setStatus(s);
      setBackups(b);
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
      else setMessage({ error: true, text: err instanceof Error ? err.message : String(err) });
    }
  }, [token, onExpired]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const backUp = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const b = await api('takeBackup', token);
      const text = t('ops.backupDone', { name: b.name, size: bytes(b.sizeBytes, language) });
      setMessage({ error: false, text });
      announce(text);
      await load();
    } catch (err) {
      setMessage({ error: true, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const when = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const seconds = (ms: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ms / 1000);

  return (
    <section className="panel" aria-labelledby="admin-ops-title" data-testid="admin-ops">
      <h2 id="admin-ops-title">{t('ops.title')}</h2>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'notice notice--important' : 'notice'}>
          {message.text}
        </p>
      ) : null}
      {status === null ? (
        <p role="status">{t('stats.loading')}</p>
      ) : (
        <>
          <dl className="ops-facts">
            <dt>{t('ops.health')}</dt>
            <dd data-testid="ops-health">
              {t(HEALTH_KEYS[status.health.status])}
              {status.health.status !== 'ok'
                ? ` — ${[status.health.checks.database, status.health.checks.disk, status.health.checks.devices].filter((c) => c.state !== 'ok').map((c) => c.message).join(' ')}`
                : ''}
            </dd>
            <dt>{t('ops.version')}</dt>
            <dd data-testid="ops-version">{t('ops.versionValue', { version: status.version, schema: String(status.schemaVersion) })}</dd>
            <dt>{t('ops.runningSince')}</dt>
            <dd>{when(status.startedAt)}</dd>
            <dt>{t('ops.database')}</dt>
            <dd>{t('ops.databaseValue', { size: bytes(status.database.sizeBytes, language), file: status.database.file })}</dd>
            <dt>{t('ops.disk')}</dt>
            <dd>{t('ops.diskValue', { free: bytes(status.disk.freeBytes, language), total: bytes(status.disk.totalBytes, language) })}</dd>
            <dt>{t('ops.lastBackup')}</dt>
            <dd data-testid="ops-last-backup">
              {status.lastBackup ? t('ops.lastBackupValue', { when: when(status.lastBackup.takenAt), size: bytes(status.lastBackup.sizeBytes, language) }) : t('ops.noBackup')}
              {status.backupError ? ` — ${status.backupError}` : ''}
            </dd>
          </dl>

          <h3>{t('ops.backups')}</h3>
          {backups ? (
            <p>
              {backups.dailyAt
                ? t('ops.backupSchedule', { time: backups.dailyAt, keep: String(backups.keep), folder: backups.folder })
                : t('ops.backupOff', { keep: String(backups.keep), folder: backups.folder })}
            </p>
          ) : null}
          <BusyButton type="button" className="button" onClick={() => void backUp()} busy={busy}>
            {busy ? t('ops.backingUp') : t('ops.backupNow')}
          </BusyButton>
          {backups && backups.backups.length > 0 ? (
            <div className="table-wrap">
              <table className="table" data-testid="ops-backups">
                <caption className="visually-hidden">{t('ops.backups')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.col.taken')}</th>
                    <th scope="col">{t('ops.col.size')}</th>
                    <th scope="col">{t('ops.col.file')}</th>
                  </tr>
                </thead>
                <tbody>
                  {backups.backups.map((b) => (
                    <tr key={b.name}>
                      <td>{when(b.takenAt)}</td>
                      <td>{bytes(b.sizeBytes, language)}</td>
                      <td>{b.name}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}

          <h3>{t('ops.devices')}</h3>
          {status.devices.length === 0 ? (
            <p>{t('ops.noDevices')}</p>
          ) : (
            <ul data-testid="ops-devices">
              {status.devices.map((d) => (
                <li key={d.id}>
                  {t('device.line', { kind: t(KIND_KEYS[d.kind]), id: d.id, state: d.state === 'ready' ? t('ops.deviceReady') : t(STATE_KEYS[d.state]) })}
                </li>
              ))}
            </ul>
          )}

          <h3>{t('ops.screens')}</h3>
          {status.screens.length === 0 ? (
            <p>{t('ops.noScreens')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="ops-screens">
                <caption className="visually-hidden">{t('ops.screens')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.col.screen')}</th>
                    <th scope="col">{t('ops.col.address')}</th>
                    <th scope="col">{t('ops.col.lastContact')}</th>
                    <th scope="col">{t('ops.col.skew')}</th>
                  </tr>
                </thead>
                <tbody>
                  {status.screens.map((s, i) => (
                    <tr key={`${s.address}-${s.connectedAt}-${i}`}>
                      <td>{t(s.role === 'display' ? 'ops.screen.display' : 'ops.screen.kiosk', { id: s.profileId ?? '—' })}</td>
                      <td>{s.address}</td>
                      <td>{when(s.lastContact)}</td>
                      <td>{s.clockSkewMs === null ? '—' : t('ops.skewValue', { seconds: seconds(s.clockSkewMs) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h3>{t('ops.retention')}</h3>
          <ul data-testid="ops-retention">
            <li>{t('ops.retention.needs', { days: String(status.retention.needsDays) })}</li>
            <li>{t('ops.retention.notes', { days: String(status.retention.notesDays) })}</li>
            <li>{t('ops.retention.comments', { days: String(status.retention.commentsDays) })}</li>
            <li>{t('ops.retention.links', { days: String(status.retention.statusTokensDays) })}</li>
            <li>{status.retention.lastRun ? t('ops.retention.lastRun', { when: when(status.retention.lastRun.at) }) : t('ops.retention.notRun')}</li>
          </ul>
        </>
      )}
    </section>
  );
}
