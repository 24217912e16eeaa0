import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpLink } from './TcpLink.js';
import type { LinkStatus } from './Link.js';
import { waitForEvent } from '../testing/waitFor.js';

const FAST_RECONNECT = { initialDelayMs: 5, maxDelayMs: 40 };

/** A stand-in for a network receipt printer listening on its raw port. */
function startServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, sockets }));
  });
}

describe('TcpLink', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sends bytes to the socket and emits what the device answers', async () => {
    const { server, port, sockets } = await startServer();
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const link = new TcpLink({ host: '127.0.0.1', port, reconnect: FAST_RECONNECT });
    cleanups.push(() => link.close());
    await link.open();
    expect(link.status).toBe('open');
    const connection = await waitForConnection(server, sockets);
    const received = new Promise<Buffer>((resolve) => connection.once('data', resolve));
    await link.write(Buffer.from([0x10, 0x04, 0x01]));
    expect([...(await received)]).toEqual([0x10, 0x04, 0x01]);
    const answer = link.request({ command: 'status', data: Buffer.from([0x10, 0x04, 0x04]), timeoutMs: 10_000, match: (b) => (b.length ? 1 : 0) });
    connection.once('data', () => connection.write(Buffer.from([0x12])));
    expect([...(await answer)]).toEqual([0x12]);
  });

  it('reconnects by itself after the device drops the connection', async () => {
    const { server, port, sockets } = await startServer();
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const link = new TcpLink({ host: '127.0.0.1', port, reconnect: FAST_RECONNECT });
    link.on('error', () => undefined);
    cleanups.push(() => link.close());
    await link.open();
    const first = await waitForConnection(server, sockets);
    const disconnected = waitForEvent(link, 'disconnected');
    const reopened = waitForEvent<[LinkStatus]>(link, 'status', (status) => status === 'open');
    first.destroy();
    await disconnected;
    await reopened;
    expect(sockets.length).toBe(2);
  });

  it('keeps retrying while nothing listens and connects once the device is up', async () => {
    const { server, port } = await startServer();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const link = new TcpLink({ host: '127.0.0.1', port, reconnect: FAST_RECONNECT });
    const errors: Error[] = [];
    link.on('error', (error) => errors.push(error));
    cleanups.push(() => link.close());
    await link.open();
    expect(link.isOpen).toBe(false);
    expect(errors[0]?.message).toContain(`cannot open tcp 127.0.0.1:${port}`);
    const opened = waitForEvent<[LinkStatus]>(link, 'status', (status) => status === 'open');
    const again = createServer();
    await new Promise<void>((resolve) => again.listen(port, '127.0.0.1', () => resolve()));
    // Runs after the link is closed: a server closes only once its connections are gone.
    cleanups.unshift(() => new Promise<void>((resolve) => again.close(() => resolve())));
    await opened;
    expect(link.isOpen).toBe(true);
  });
});

async function waitForConnection(server: Server, sockets: Socket[]): Promise<Socket> {
  const existing = sockets[sockets.length - 1];
  if (existing) return existing;
  const [socket] = await waitForEvent<[Socket]>(server, 'connection');
  return socket;
}
