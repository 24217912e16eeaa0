import type { EventEmitter } from 'node:events';

/** Transport state: 'connecting' covers the wait between reconnect attempts too. */
export type LinkStatus = 'connecting' | 'open' | 'closed';

export interface LinkEvents {
  status: [LinkStatus];
  data: [Buffer];
  error: [Error];
  /** The device went away without `close()` being called (unplugged, socket reset). */
  disconnected: [];
}

export interface ReconnectOptions {
  /** First retry delay in ms (default 250). */
  initialDelayMs?: number;
  /** Upper bound of the delay in ms (default 5000). */
  maxDelayMs?: number;
  /** Growth factor per failed attempt (default 2). */
  factor?: number;
}

/**
 * One request/response exchange. `match` looks at the bytes received since the
 * request was written and returns how many of them form the complete answer
 * (0 = not complete yet).
 */
export interface LinkRequest {
  /** Named in timeout errors, e.g. "DLE EOT 1 (printer status)". */
  command: string;
  data: Buffer;
  timeoutMs: number;
  match: (received: Buffer) => number;
}

/** What `SerialLink` and `TcpLink` both offer to the device protocols. */
export interface Link extends EventEmitter<LinkEvents> {
  /** Short description used in messages, e.g. "serial /dev/ttyUSB0". */
  readonly description: string;
  readonly status: LinkStatus;
  readonly isOpen: boolean;
  /**
   * Starts connecting. Resolves after the first attempt, whether or not it
   * succeeded; a failed attempt is reported as an `error` event and retried.
   */
  open(): Promise<void>;
  /** Stops reconnecting, rejects pending requests and closes the transport. */
  close(): Promise<void>;
  /** Writes and waits until the bytes are handed to the OS. Rejects when not open. */
  write(data: Buffer): Promise<void>;
  /** Writes `data` and resolves with the matched answer; one request in flight per link. */
  request(request: LinkRequest): Promise<Buffer>;
}

export class LinkClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkClosedError';
  }
}

export class LinkTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    description: string,
  ) {
    super(`${command} got no answer within ${timeoutMs} ms on ${description}`);
    this.name = 'LinkTimeoutError';
  }
}
