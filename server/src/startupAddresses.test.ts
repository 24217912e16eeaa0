import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startupAddresses } from './startupAddresses.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;

describe('the addresses the first-run message lists', () => {
  const interfaces = {
    lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
    eth0: [nic('192.168.10.5', 'IPv4'), nic('fe80::1', 'IPv6')],
    wlan0: [nic('10.0.0.7', 'IPv4')],
  };

  it('lists localhost and every LAN address staff can type on another PC', () => {
    expect(startupAddresses(interfaces, 8080, undefined)).toEqual(['http://localhost:8080', 'http://192.168.10.5:8080', 'http://10.0.0.7:8080']);
  });

  it('lists only the address the server listens on when HOST names one', () => {
    expect(startupAddresses(interfaces, 8080, '192.168.10.5')).toEqual(['http://192.168.10.5:8080']);
    expect(startupAddresses(interfaces, 9000, '127.0.0.1')).toEqual(['http://localhost:9000']);
  });
});
