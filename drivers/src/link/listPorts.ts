import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPort } from 'serialport';

export const SERIAL_BY_ID_DIR = '/dev/serial/by-id';

/** One serial port as an installer sees it. */
export interface PortListing {
  /** Kernel name, e.g. /dev/ttyUSB0 (may change between boots or replugs). */
  path: string;
  /** Stable /dev/serial/by-id/... link to the same device, if udev made one. Prefer this in config. */
  byIdPath: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  vendorId: string | null;
  productId: string | null;
  pnpId: string | null;
}

export interface ListPortsOptions {
  /** Defaults to the native binding; tests pass MockBinding. */
  binding?: BindingInterface;
  /** Defaults to /dev/serial/by-id. */
  byIdDir?: string;
}

/**
 * Lists serial ports with their USB identity and stable by-id path. Rejects
 * only when the OS cannot list ports at all; a missing by-id folder just means
 * no by-id paths.
 */
export async function listPorts(options: ListPortsOptions = {}): Promise<PortListing[]> {
  const binding: BindingInterface = options.binding ?? SerialPort.binding;
  let ports;
  try {
    ports = await binding.list();
  } catch (error: unknown) {
    throw new Error(`listing serial ports failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const byId = await readByIdLinks(options.byIdDir ?? SERIAL_BY_ID_DIR);
  const listings: PortListing[] = [];
  for (const port of ports) {
    const real = await realpath(port.path).catch(() => port.path);
    listings.push({
      path: port.path,
      byIdPath: byId.get(real) ?? byId.get(port.path) ?? null,
      manufacturer: port.manufacturer ?? null,
      serialNumber: port.serialNumber ?? null,
      vendorId: port.vendorId ?? null,
      productId: port.productId ?? null,
      pnpId: port.pnpId ?? null,
    });
  }
  return listings;
}

/** Maps each device a by-id symlink points to onto the symlink's path. */
export async function readByIdLinks(dir: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return links;
  }
  for (const name of names.sort()) {
    const link = join(dir, name);
    try {
      const target = await realpath(link);
      if (!links.has(target)) links.set(target, link);
    } catch {
      // A dangling link (device just unplugged) is not worth reporting.
    }
  }
  return links;
}
