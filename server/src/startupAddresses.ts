import type { NetworkInterfaceInfo } from 'node:os';

/**
 * The addresses staff type on other PCs: `localhost` and every non-internal IPv4 address of the machine (IPv6
 * link-local addresses are left out: no one types them). `host` is the address the server listens on; when it is one
 * address, only that one is reachable.
 */
export function startupAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  port: number,
  host: string | undefined,
): string[] {
  const url = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
  if (host && host !== '0.0.0.0' && host !== '::') return [url(host === '127.0.0.1' || host === '::1' ? 'localhost' : host)];
  const lan = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && i.family === 'IPv4')
    .map((i) => i.address);
  return [url('localhost'), ...[...new Set(lan)].map(url)];
}
