import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { CounterDisplay } from './display/CounterDisplay.js';
import type { CounterDisplayMapping } from './display/counterDisplayMapping.js';
import { EscPosPrinter } from './escpos/EscPosPrinter.js';
import type { TicketLayout } from './escpos/renderTicket.js';
import type { DeviceDefinition, LinkConfig } from './deviceDefinition.js';
import type { Link, ReconnectOptions } from './link/Link.js';
import { SerialLink } from './link/SerialLink.js';
import { TcpLink } from './link/TcpLink.js';
import { RelayBoard } from './relay/RelayBoard.js';
import { FIRST_CHANNEL, isRelayProtocol } from './relay/relayFrames.js';

export type { DeviceDefinition, DeviceKind, LinkConfig } from './deviceDefinition.js';

export interface DriverOptions {
  /** Serial binding for every serial link (tests pass MockBinding). */
  binding?: BindingInterface;
  reconnect?: ReconnectOptions;
  printer?: { layout?: TicketLayout; statusTimeoutMs?: number; pollIntervalMs?: number };
  display?: { mapping?: CounterDisplayMapping; responseTimeoutMs?: number; retries?: number };
}

export type DriverDevice =
  | { id: string; kind: 'printer'; printer: EscPosPrinter }
  | { id: string; kind: 'relay'; relay: RelayBoard; channel: number }
  | { id: string; kind: 'counter-display'; display: CounterDisplay };

export function createLink(config: LinkConfig, options: DriverOptions = {}): Link {
  if (config.type === 'tcp') return new TcpLink({ host: config.host, port: config.port ?? 9100, reconnect: options.reconnect });
  return new SerialLink({ path: config.path, baudRate: config.baudRate ?? 9600, binding: options.binding, reconnect: options.reconnect });
}

/** Builds the driver for one configured device, or an Error naming what is wrong with its config. */
export function createDevice(definition: DeviceDefinition, options: DriverOptions = {}): DriverDevice | Error {
  const { id, kind, protocol } = definition;
  switch (kind) {
    case 'printer': {
      if (protocol !== undefined && protocol !== 'escpos') return new Error(`device ${id}: printer protocol "${protocol}" is not supported (use escpos)`);
      return { id, kind, printer: new EscPosPrinter({ link: createLink(definition.link, options), ...options.printer }) };
    }
    case 'relay': {
      if (protocol === undefined || !isRelayProtocol(protocol)) {
        return new Error(`device ${id}: relay protocol "${protocol ?? ''}" is not supported (use lcus, kmtronic or numato)`);
      }
      const channel = definition.channel ?? FIRST_CHANNEL[protocol];
      return { id, kind, channel, relay: new RelayBoard({ link: createLink(definition.link, options), protocol }) };
    }
    case 'counter-display': {
      if (protocol !== undefined && protocol !== 'modbus') return new Error(`device ${id}: display protocol "${protocol}" is not supported (use modbus)`);
      const unit = definition.unit ?? 1;
      return { id, kind, display: new CounterDisplay({ link: createLink(definition.link, options), unit, ...options.display }) };
    }
  }
}
