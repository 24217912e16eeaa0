import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPorts } from './listPorts.js';
import { MockBinding } from '../testing/unpluggableMockBinding.js';

describe('listPorts', () => {
  let dir: string;

  beforeEach(() => {
    MockBinding.reset();
    dir = mkdtempSync(join(tmpdir(), 'vuoro-ports-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each port with its USB identity and the by-id link that points to it', async () => {
    const device = join(dir, 'ttyUSB0');
    writeFileSync(device, '');
    const byId = join(dir, 'by-id');
    mkdirSync(byId);
    const stable = join(byId, 'usb-1a86_USB_Serial-if00-port0');
    symlinkSync(device, stable);
    symlinkSync(join(dir, 'gone'), join(byId, 'usb-dangling-if00'));
    MockBinding.createPort(device, { vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng Electronics' });
    MockBinding.createPort('/dev/ttyS9');

    const ports = await listPorts({ binding: MockBinding, byIdDir: byId });
    expect(ports).toEqual([
      {
        path: device,
        byIdPath: stable,
        manufacturer: 'QinHeng Electronics',
        serialNumber: '1',
        vendorId: '1a86',
        productId: '7523',
        pnpId: null,
      },
      expect.objectContaining({ path: '/dev/ttyS9', byIdPath: null }),
    ]);
  });

  it('treats a missing by-id folder as no stable paths', async () => {
    MockBinding.createPort('/dev/ttyS9');
    const ports = await listPorts({ binding: MockBinding, byIdDir: join(dir, 'absent') });
    expect(ports[0]?.byIdPath).toBeNull();
  });
});
