import { describe, expect, it } from 'vitest';
import { createDevice, createLink } from './createDevice.js';
import { SerialLink } from './link/SerialLink.js';
import { TcpLink } from './link/TcpLink.js';
import * as drivers from './index.js';

describe('createDevice', () => {
  it('builds a printer on a network link with port 9100 by default', () => {
    const device = createDevice({ id: 'kiosk-printer', kind: 'printer', link: { type: 'tcp', host: '127.0.0.1' } });
    expect(device).toMatchObject({ id: 'kiosk-printer', kind: 'printer' });
    expect(createLink({ type: 'tcp', host: '127.0.0.1' }).description).toBe('tcp 127.0.0.1:9100');
    expect(createLink({ type: 'tcp', host: '127.0.0.1' })).toBeInstanceOf(TcpLink);
  });

  it('builds a relay on the first channel of its board when none is given', () => {
    const device = createDevice({ id: 'loop-2', kind: 'relay', protocol: 'lcus', link: { type: 'serial', path: '/dev/ttyUSB0' } });
    expect(device).toMatchObject({ kind: 'relay', channel: 1 });
    expect(createLink({ type: 'serial', path: '/dev/ttyUSB0' })).toBeInstanceOf(SerialLink);
  });

  it('returns an error naming the device for a protocol it does not know', () => {
    const device = createDevice({ id: 'loop-5', kind: 'relay', protocol: 'x10', link: { type: 'serial', path: '/dev/ttyUSB1' } });
    expect(device).toEqual(new Error('device loop-5: relay protocol "x10" is not supported (use lcus, kmtronic or numato)'));
  });

  it('exports every device, transport and helper from the package entry, and the test doubles only from /testing', async () => {
    for (const name of ['SerialLink', 'TcpLink', 'EscPosPrinter', 'RelayBoard', 'CounterDisplay', 'renderTicket', 'listPorts', 'statusAnswer', 'crc16Modbus']) {
      expect(drivers, name).toHaveProperty(name);
    }
    for (const name of ['EscPosParser', 'FakeEscPosPrinter', 'parseEscPos']) expect(drivers, name).not.toHaveProperty(name);
    const testing = await import('./testing/index.js');
    for (const name of ['EscPosParser', 'FakeEscPosPrinter', 'parseEscPos']) expect(testing, name).toHaveProperty(name);
  });
});
