// The one declaration of a device as the hall config writes it, and of its kinds and states. Types only and no imports, so the server's protocol
// (and through it the screens) can use it as "@vuoro/drivers/definition" without loading a driver.

/** How a device is reached: a serial port or a TCP socket (a printer's port 9100, a serial server). */
export type LinkConfig = { type: 'serial'; path: string; baudRate?: number } | { type: 'tcp'; host: string; port?: number };

/** The kinds of device the drivers drive. */
export type DeviceKind = 'printer' | 'relay' | 'counter-display';

/** A device's state as every driver reports it and the screens show it. */
export type DeviceState = 'connecting' | 'ready' | 'paper-low' | 'paper-out' | 'cover-open' | 'offline' | 'error';

/** A device of the hall config, before defaults (ids of kiosks/counters are the server's business and added there). */
export interface DeviceDefinition {
  id: string;
  kind: DeviceKind;
  link: LinkConfig;
  /** Relay: lcus | kmtronic | numato. Counter display: modbus (the default). Printer: escpos (the default). */
  protocol?: string;
  /** Relay channel as printed on the board. */
  channel?: number;
  /** Modbus unit id of a counter display (default 1). */
  unit?: number;
}
