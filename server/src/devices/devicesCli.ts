import { createDevice, listPorts, type DriverDevice, type DriverOptions, type ListPortsOptions } from '@vuoro/drivers';
import { ConfigError, loadConfig } from '../config.js';
import { localize, type DeviceConfig, type HallConfig } from '../protocol/index.js';

/** Where the installer tool writes; tests collect the lines. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

export interface CliOptions {
  /** Driver options (tests pass short timeouts or a mock binding). */
  drivers?: DriverOptions;
  ports?: ListPortsOptions;
  /** Pause after a command before the port closes, so the adapter has sent every byte (default 250 ms). */
  settleMs?: number;
}

export const USAGE = `Vuoro hardware tool. Reads the hall config of VUORO_CONFIG (the demo hall when unset).
Stop the Vuoro server first: a serial port can be open in one program at a time.

  npm run devices -- list                       serial ports, with their stable /dev/serial/by-id paths
  npm run devices -- status <deviceId>          open a configured device and report its state
  npm run devices -- test-print <deviceId>      print a sample ticket (ä ö å ü ß é €) on a printer
  npm run devices -- relay <deviceId> on|off    switch a relay channel
  npm run devices -- show <deviceId> <text>     show a number on a counter display ("blank" clears it)
  npm run devices -- --help                     this text

Exit status: 0 done, 1 the device failed, 2 wrong command or config.`;

/** Runs one installer command; resolves with the exit status. Never throws. */
export async function runDevicesCli(
  args: readonly string[],
  env: Record<string, string | undefined>,
  out: CliOutput,
  options: CliOptions = {},
): Promise<number> {
  const [command, deviceId, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'list') return listCommand(out, options.ports);
  if (!['status', 'test-print', 'relay', 'show'].includes(command)) {
    out.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let hall: HallConfig;
  try {
    hall = loadConfig(env).hall.config;
  } catch (err) {
    out.error(err instanceof ConfigError ? err.message : `Cannot read the configuration: ${(err as Error).message}`);
    return 2;
  }
  if (!deviceId) {
    out.error(`"${command}" needs a device id. Configured: ${deviceList(hall)}`);
    return 2;
  }
  const config = hall.devices.find((d) => d.id === deviceId);
  if (!config) {
    out.error(`No device "${deviceId}" in the hall config. Configured: ${deviceList(hall)}`);
    return 2;
  }
  const expected = ({ 'test-print': 'printer', relay: 'relay', show: 'counter-display' } as const)[command as 'test-print' | 'relay' | 'show'];
  if (expected && config.kind !== expected) {
    out.error(`Device ${deviceId} is a ${config.kind}; "${command}" works on a ${expected}.`);
    return 2;
  }
  if (command === 'relay' && rest[0] !== 'on' && rest[0] !== 'off') {
    out.error(`Say "on" or "off": npm run devices -- relay ${deviceId} on`);
    return 2;
  }
  if (command === 'show' && !rest[0]) {
    out.error(`Say what to show: npm run devices -- show ${deviceId} A012 (or "blank")`);
    return 2;
  }

  const driver = createDevice(config, { ...options.drivers, printer: { pollIntervalMs: 0, ...options.drivers?.printer } });
  if (driver instanceof Error) {
    out.error(driver.message);
    return 2;
  }
  const device = deviceOf(driver);
  const faults: string[] = [];
  device.on('error', (err) => faults.push(err.message));
  const hint = (message: string): string => {
    const text = hintFor([...faults, message].join(' '));
    return text ? `\n${text}` : '';
  };
  try {
    await device.open();
    out.log(`${config.id} (${config.kind}) on ${linkText(config)}`);
    switch (driver.kind) {
      case 'printer': {
        const status = await driver.printer.queryStatus();
        const fine = reportLinkState(out, status.state, status.lastError) === 0 || status.state === 'paper-low';
        if (command === 'status') return fine ? 0 : 1;
        const outcome = await driver.printer.printTicket(sampleTicket(hall));
        if (outcome.ok) out.log('Sample ticket sent. Check that ä ö å ü ß é € and the QR code came out right.');
        else out.error(`Not printed: ${outcome.message}${hint(outcome.message)}`);
        return outcome.ok ? 0 : 1;
      }
      case 'relay': {
        if (command === 'status') return reportLinkState(out, driver.relay.status.state, driver.relay.status.lastError);
        const on = rest[0] === 'on';
        const outcome = await driver.relay.set(driver.channel, on);
        if (outcome.ok) out.log(`Relay channel ${driver.channel} switched ${on ? 'on' : 'off'} (${config.protocol ?? ''}).`);
        else out.error(`Relay not switched: ${outcome.message}${hint(outcome.message)}`);
        return outcome.ok ? 0 : 1;
      }
      case 'counter-display': {
        if (command === 'status') return reportLinkState(out, driver.display.status.state, driver.display.status.lastError);
        const text = rest[0] ?? '';
        const outcome = text === 'blank' ? await driver.display.blank() : await driver.display.show(text);
        if (outcome.ok) out.log(text === 'blank' ? 'Display blanked.' : `Display shows ${text}.`);
        else out.error(`Display not updated: ${outcome.message}${hint(outcome.message)}`);
        return outcome.ok ? 0 : 1;
      }
    }
  } catch (err) {
    out.error(`${config.id}: ${(err as Error).message}`);
    return 1;
  } finally {
    // Some adapters (and ptys) drop bytes still in flight when the port closes right after a write.
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 250));
    await device.close().catch(() => undefined);
  }
}

async function listCommand(out: CliOutput, options: ListPortsOptions | undefined): Promise<number> {
  try {
    const ports = await listPorts(options);
    if (ports.length === 0) {
      out.log('No serial ports found. Plug the device in, then check `dmesg | tail` for a ttyUSB/ttyACM line.');
      return 0;
    }
    for (const p of ports) {
      const usb = p.vendorId ? ` usb ${p.vendorId}:${p.productId ?? '????'}` : '';
      const who = [p.manufacturer, p.serialNumber && `serial ${p.serialNumber}`].filter(Boolean).join(', ');
      out.log(`${p.path}${usb}${who ? ` (${who})` : ''}`);
      out.log(`    config path: ${p.byIdPath ?? `${p.path} (no /dev/serial/by-id link; the name may change after a replug)`}`);
    }
    return 0;
  } catch (err) {
    out.error((err as Error).message);
    return 1;
  }
}

function reportLinkState(out: CliOutput, state: string, lastError: string | null): number {
  out.log(`state: ${state}${lastError ? ` (${lastError})` : ''}`);
  const hint = lastError ? hintFor(lastError) : null;
  if (hint) out.log(hint);
  return state === 'ready' ? 0 : 1;
}

/** What an installer can do about the usual failures. */
export function hintFor(message: string): string | null {
  if (/no such file|ENOENT/i.test(message)) return 'Hint: the port does not exist. Is the device plugged in? `npm run devices -- list` shows the by-id paths.';
  if (/permission denied|EACCES/i.test(message)) return 'Hint: no permission. Add the user to the dialout group: sudo usermod -aG dialout <user>, then log in again.';
  if (/lock|resource temporarily unavailable|EBUSY/i.test(message)) return 'Hint: the port is in use, probably by the running Vuoro server. Stop it first.';
  if (/no answer|timed out|within \d+ ms/i.test(message)) {
    return 'Hint: the device does not answer. Check the baud rate and the cable; a printer must answer DLE EOT (README "Hardware").';
  }
  return null;
}

function deviceOf(driver: DriverDevice) {
  if (driver.kind === 'printer') return driver.printer;
  if (driver.kind === 'relay') return driver.relay;
  return driver.display;
}

function deviceList(hall: HallConfig): string {
  return hall.devices.length > 0 ? hall.devices.map((d) => `${d.id} (${d.kind})`).join(', ') : 'none (add them under "devices")';
}

function linkText(config: DeviceConfig): string {
  return config.link.type === 'serial' ? `${config.link.path} at ${config.link.baudRate} baud` : `tcp ${config.link.host}:${config.link.port}`;
}

/** A ticket that shows whether the code page is right: every letter a Nordic or German ticket needs, and €. */
export function sampleTicket(hall: HallConfig) {
  const name = localize(hall.hall.name, hall.hall.defaultLanguage);
  return {
    hallName: name,
    number: 'A123',
    serviceName: 'Testdruck / Koeajo',
    issuedAtText: new Intl.DateTimeFormat('en-GB', { timeZone: hall.hall.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(Date.now()),
    aheadText: 'ä ö å ü ß é € — Ä Ö Å Ü É',
    estimateText: 'Grüße, Åsa! Café 12,50 €',
    prepareText: 'If a letter above prints as ? or a wrong sign, set the printer to code table 16 (WPC1252).',
    needsText: 'Hearing loop requested',
    qrUrl: `${(hall.hall.publicUrl ?? 'http://localhost:8080').replace(/\/+$/, '')}/t/test-print`,
    footerText: 'Vuoro test print',
  };
}
