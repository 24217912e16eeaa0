import type { DeviceStatusView } from '../../protocol/index.js';
import { outgoing, type Outgoing } from '../outgoing.js';

/** Device state changes go to staff and to kiosks (a kiosk shows its own printer's trouble). */
export function deviceStatus(device: DeviceStatusView): Outgoing[] {
  return [outgoing('staff', 'device:status', { device }), outgoing('kiosk', 'device:status', { device })];
}
