import type { DeviceState, DeviceStatus } from '@vuoro/drivers';
import type { DeviceConfig } from '../protocol/index.js';

/** Short words for a device state, as staff read them in a message. */
const STATE_WORDS: Readonly<Record<DeviceState, string>> = {
  connecting: 'connecting',
  ready: 'ready',
  'paper-low': 'paper low',
  'paper-out': 'paper out',
  'cover-open': 'cover open',
  offline: 'offline',
  error: 'error',
};

const KIND_WORDS: Readonly<Record<DeviceConfig['kind'], string>> = {
  printer: 'Printer',
  relay: 'Relay',
  'counter-display': 'Counter display',
};

/**
 * Why a ticket was not printed, e.g. "Printer kiosk-printer: paper out" or
 * "Printer kiosk-printer: offline (DLE EOT 1 (printer status) got no answer within 1500 ms on serial /dev/ttyUSB0)".
 * The state comes first so a kiosk or a supervisor can act on it at a glance.
 */
export function printFailureMessage(deviceId: string, state: DeviceState, detail: string | null): string {
  const words = STATE_WORDS[state];
  const extra = detail && !isPlainRestatement(state, detail) ? ` (${detail})` : '';
  return `Printer ${deviceId}: ${words}${extra}`;
}

/** The printer driver's own words for paper and cover states add nothing to the state itself. */
function isPlainRestatement(state: DeviceState, detail: string): boolean {
  return (state === 'paper-out' || state === 'paper-low' || state === 'cover-open') && /paper|cover/i.test(detail);
}

/**
 * A line for the log when a device needs someone: paper low or out, cover open,
 * offline or faulty. Null when the device is fine.
 */
export function stateAlert(config: Pick<DeviceConfig, 'id' | 'kind' | 'kioskId' | 'counterId'>, status: DeviceStatus): string | null {
  if (status.state === 'ready' || status.state === 'connecting') return null;
  const where = config.kioskId ? ` at kiosk ${config.kioskId}` : config.counterId ? ` at counter ${config.counterId}` : '';
  const detail = status.lastError && !isPlainRestatement(status.state, status.lastError) ? `: ${status.lastError}` : '';
  const hint = status.state === 'paper-low' ? ' (change the roll before it runs out)' : '';
  return `Device alert: ${KIND_WORDS[config.kind]} ${config.id}${where} is ${STATE_WORDS[status.state]}${hint}${detail}`;
}
