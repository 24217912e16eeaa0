import { createConnection, type Socket } from 'node:net';
import { ReconnectingLink, type LinkOptions, type Transport, type TransportHandlers } from './ReconnectingLink.js';

export interface TcpLinkOptions extends LinkOptions {
  host: string;
  /** 9100 for network receipt printers ("raw"/JetDirect port). */
  port: number;
  /** A connect attempt that has not succeeded after this many ms fails (default 3000). */
  connectTimeoutMs?: number;
}

/** A raw TCP socket with the same interface and reconnect behaviour as SerialLink. */
export class TcpLink extends ReconnectingLink {
  readonly description: string;
  readonly #options: TcpLinkOptions;

  constructor(options: TcpLinkOptions) {
    super(options);
    this.#options = options;
    this.description = `tcp ${options.host}:${options.port}`;
  }

  protected async connectTransport(handlers: TransportHandlers): Promise<Transport> {
    const { host, port, connectTimeoutMs = 3000 } = this.#options;
    const socket = createConnection({ host, port });
    await waitForConnect(socket, connectTimeoutMs);
    socket.setKeepAlive(true, 5000);
    socket.setNoDelay(true);
    let lastError: Error | null = null;
    socket.on('data', (data: Buffer) => handlers.onData(data));
    socket.on('error', (error: Error) => {
      lastError = error;
    });
    socket.on('close', () => handlers.onLost(lastError ?? new Error('connection closed by the device')));
    return {
      write: (data) =>
        new Promise<void>((resolve, reject) => {
          socket.write(data, (error) => (error ? reject(error) : resolve()));
        }),
      close: () =>
        new Promise<void>((resolve) => {
          if (socket.destroyed) {
            resolve();
            return;
          }
          socket.once('close', () => resolve());
          socket.destroy();
        }),
    };
  }
}

function waitForConnect(socket: Socket, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error): void => fail(error);
    const onConnect = (): void => {
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => fail(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('connect', onConnect);
    };
    socket.once('error', onError);
    socket.once('connect', onConnect);
  });
}
