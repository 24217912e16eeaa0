import type { EventEmitter } from 'node:events';
import { createDevice, type DeviceEvents, type DeviceStatus, type DriverDevice, type DriverOptions } from '@vuoro/drivers';
import type { DeviceHub } from './hub.js';
import type { Ticket } from '../domain/index.js';
import type { DeviceConfig, DeviceStatusView, PrintResult } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { CounterSignals, type CounterNumberDisplay, type CounterRelay } from './counterSignals.js';
import { printFailureMessage, stateAlert } from './deviceMessages.js';
import { ticketPrintData } from './ticketPrintData.js';

export interface DeviceHubOptions extends DriverOptions {
  /** Printer status poll interval in ms (default 15000; 0 = only before each ticket). */
  pollIntervalMs?: number;
  /** How long a printer may take to answer each DLE EOT query before it counts as offline (default 1500 ms). */
  statusTimeoutMs?: number;
  /** How often relays and counter displays are sent their state again though nothing changed (default 60000; 0 = never). */
  refreshIntervalMs?: number;
  /** Where device alerts and faults are logged (default console.error). */
  log?: (msg: string) => void;
}

export type DeviceHubFactory = (s: Services, notify: (d: DeviceStatusView) => void) => DeviceHub & { ready: Promise<void> };

interface HubEntry {
  config: DeviceConfig;
  /** Null when the config cannot be turned into a driver (its error is the status). */
  driver: DriverDevice | null;
  status: DeviceStatus;
}

/**
 * The hall's hardware, built from the `devices` of the hall config in force at
 * start: printers print tickets after commit, relays and counter displays follow
 * the queue. A device fault never throws into the queue; it becomes a status
 * that is pushed to staff and kiosks.
 */
export function deviceHubFactory(options: DeviceHubOptions = {}): DeviceHubFactory {
  return (s, notify) => {
    const log = options.log ?? ((msg: string) => console.error(msg));
    const driverOptions: DriverOptions = {
      ...options,
      printer: {
        ...options.printer,
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
        ...(options.statusTimeoutMs !== undefined ? { statusTimeoutMs: options.statusTimeoutMs } : {}),
      },
    };
    const entries = s.hall.current().config.devices.map((config) => createEntry(config, driverOptions, log));
    const relays: CounterRelay[] = [];
    const displays: CounterNumberDisplay[] = [];
    for (const { config, driver } of entries) {
      if (driver?.kind === 'relay' && config.counterId) {
        relays.push({ deviceId: config.id, counterId: config.counterId, relay: driver.relay, channel: driver.channel });
      } else if (driver?.kind === 'counter-display' && config.counterId) {
        displays.push({ deviceId: config.id, counterId: config.counterId, display: driver.display });
      }
    }
    const signals = new CounterSignals(s, relays, displays, log, options.refreshIntervalMs);

    for (const entry of entries) {
      const emitter = deviceOf(entry.driver);
      if (!emitter) continue;
      // One log line per new fault: an alert already carries the error that caused it.
      let lastLogged = '';
      const logOnce = (line: string, key: string): void => {
        if (lastLogged.includes(key)) return;
        lastLogged = line;
        log(line);
      };
      emitter.on('error', (err: Error) => logOnce(`Device ${entry.config.id}: ${err.message}`, err.message));
      emitter.on('status', (status: DeviceStatus) => {
        const before = entry.status.state;
        entry.status = status;
        const alert = stateAlert(entry.config, status);
        if (alert && status.state !== before) logOnce(alert, alert);
        if (status.state === 'ready') lastLogged = '';
        notify(viewOf(entry));
        // A relay or display that comes back gets the queue's current state again.
        if (status.state === 'ready' && before !== 'ready' && entry.config.kind !== 'printer') signals.sync((id) => id === entry.config.id);
      });
    }

    let closed = false;
    const ready = Promise.all(
      entries.map(async (entry) => {
        try {
          await deviceOf(entry.driver)?.open();
        } catch (err) {
          log(`Device ${entry.config.id} could not be opened: ${(err as Error).message}`);
        }
      }),
    ).then(() => {
      if (!closed) signals.start();
    });

    const printerFor = (kioskId: string | null): HubEntry | undefined => {
      const printers = entries.filter((e) => e.config.kind === 'printer');
      if (kioskId !== null) return printers.find((e) => e.config.kioskId === kioskId);
      return printers.length === 1 ? printers[0] : undefined;
    };

    return {
      ready,
      async print(ticket: Ticket, kioskId: string | null, origin: string): Promise<PrintResult> {
        const entry = printerFor(kioskId);
        if (!entry) return { status: 'no-printer' };
        const deviceId = entry.config.id;
        if (entry.driver?.kind !== 'printer') {
          return { status: 'failed', deviceId, message: printFailureMessage(deviceId, entry.status.state, entry.status.lastError) };
        }
        try {
          const outcome = await entry.driver.printer.printTicket(ticketPrintData(s, ticket, origin));
          if (outcome.ok) return { status: 'printed', deviceId };
          const message = printFailureMessage(deviceId, outcome.state, outcome.message);
          log(`Ticket ${ticket.number} was not printed. ${message}`);
          return { status: 'failed', deviceId, message };
        } catch (err) {
          return { status: 'failed', deviceId, message: `Printer ${deviceId}: ${(err as Error).message}` };
        }
      },
      statuses: () => entries.map(viewOf),
      async close() {
        closed = true;
        signals.stop();
        await signals.idle();
        await Promise.all(entries.map((e) => deviceOf(e.driver)?.close().catch(() => undefined)));
      },
    };
  };
}

/** The hub with production settings; createApp uses it when the hall config lists devices. */
export const createDeviceHub: DeviceHubFactory = deviceHubFactory();

function createEntry(config: DeviceConfig, options: DriverOptions, log: (msg: string) => void): HubEntry {
  const driver = createDevice(config, options);
  if (driver instanceof Error) {
    log(`Device ${config.id} is not usable: ${driver.message}`);
    return { config, driver: null, status: { state: 'error', lastError: driver.message, since: Date.now() } };
  }
  return { config, driver, status: deviceOf(driver)?.status ?? { state: 'connecting', lastError: null, since: Date.now() } };
}

/** What the hub needs of any driver: its status, open/close and the status/error events. */
type AnyDevice = EventEmitter<DeviceEvents> & { readonly status: DeviceStatus; open(): Promise<void>; close(): Promise<void> };

function deviceOf(driver: DriverDevice | null): AnyDevice | undefined {
  if (!driver) return undefined;
  if (driver.kind === 'printer') return driver.printer;
  if (driver.kind === 'relay') return driver.relay;
  return driver.display;
}

function viewOf({ config, status }: HubEntry): DeviceStatusView {
  return {
    id: config.id,
    kind: config.kind,
    state: status.state,
    lastError: status.lastError,
    since: status.since,
    kioskId: config.kioskId ?? null,
    counterId: config.counterId ?? null,
  };
}
