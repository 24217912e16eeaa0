import type { DeviceState, DeviceStatusView } from '@vuoro/server/protocol';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

export const STATE_KEYS: Record<Exclude<DeviceState, 'ready'>, MessageKey> = {
  'paper-low': 'device.state.paperLow',
  'paper-out': 'device.state.paperOut',
  'cover-open': 'device.state.coverOpen',
  offline: 'device.state.offline',
  error: 'device.state.error',
  connecting: 'device.state.connecting',
};

export const KIND_KEYS: Record<DeviceStatusView['kind'], MessageKey> = {
  printer: 'device.kind.printer',
  relay: 'device.kind.relay',
  'counter-display': 'device.kind.counterDisplay',
};

/** Devices that need attention (a printer out of paper, a display offline), in words. Nothing when all are ready. */
export function DeviceAlerts({ devices, counterId }: { devices: readonly DeviceStatusView[]; counterId?: string }) {
  const { t } = useI18n();
  const relevant = devices.filter((d) => d.state !== 'ready' && (counterId === undefined || d.counterId === null || d.counterId === counterId));
  if (relevant.length === 0) return null;
  return (
    <section className="notice notice--important" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('device.title')}</h2>
      <ul>
        {relevant.map((d) => (
          <li key={d.id}>
            {t('device.line', { kind: t(KIND_KEYS[d.kind]), id: d.id, state: d.state === 'ready' ? '' : t(STATE_KEYS[d.state]) })}
            {d.lastError ? ` (${d.lastError})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
