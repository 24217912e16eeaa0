import type { Ticket } from '../domain/index.js';
import type { DeviceStatusView, PrintResult } from '../protocol/index.js';

/** Hardware behind the queue; the server runs without any. */
export interface DeviceHub {
  print(ticket: Ticket, kioskId: string | null, origin: string): Promise<PrintResult>;
  statuses(): DeviceStatusView[];
  close(): Promise<void>;
}

/** The hub of a hall without devices: every kiosk prints on screen. */
export const NO_DEVICES: DeviceHub = {
  print: () => Promise.resolve({ status: 'no-printer' }),
  statuses: () => [],
  close: () => Promise.resolve(),
};
