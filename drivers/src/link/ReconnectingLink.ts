import { EventEmitter } from 'node:events';
import { AsyncMutex } from './AsyncMutex.js';
import { backoffDelay } from './backoff.js';
import {
  LinkClosedError,
  LinkTimeoutError,
  type Link,
  type LinkEvents,
  type LinkRequest,
  type LinkStatus,
  type ReconnectOptions,
} from './Link.js';

/** An open connection as the concrete link sees it. */
export interface Transport {
  write(data: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Callbacks a concrete link calls while its transport is open. */
export interface TransportHandlers {
  onData(data: Buffer): void;
  /** The transport closed by itself; `error` says why when known. */
  onLost(error: Error | null): void;
  /** A non-fatal error reported by the transport. */
  onError(error: Error): void;
}

export interface LinkOptions {
  reconnect?: ReconnectOptions;
  /** A write that has not reached the OS after this many ms fails (default 10000). */
  writeTimeoutMs?: number;
}

/**
 * A request's answer window is measured in steps of at most this long, each counting at most twice its length: time
 * the process itself was stalled (a loaded machine, a long garbage collection) is not the device's silence.
 */
const LISTEN_STEP_MS = 25;

interface PendingRequest {
  command: string;
  match: (received: Buffer) => number;
  received: Buffer;
  timer: NodeJS.Timeout | null;
  settle: (error: Error | null, answer?: Buffer) => void;
}

/**
 * Everything SerialLink and TcpLink share: the reconnect loop with exponential
 * backoff, one operation in flight at a time, request/response matching and
 * rejecting everything pending when the transport goes away.
 */
export abstract class ReconnectingLink extends EventEmitter<LinkEvents> implements Link {
  abstract readonly description: string;
  #status: LinkStatus = 'closed';
  #transport: Transport | null = null;
  #token: object | null = null;
  #run = 0;
  #closing = false;
  #started = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  readonly #mutex = new AsyncMutex();
  #pending: PendingRequest | null = null;
  /** After a request went unanswered, its late answer may still come until then (performance.now()). */
  #lateUntil = 0;
  readonly #writeAborts = new Set<(error: Error) => void>();

  constructor(private readonly linkOptions: LinkOptions = {}) {
    super();
  }

  /** Opens the underlying transport once; throw to report a failed attempt. */
  protected abstract connectTransport(handlers: TransportHandlers): Promise<Transport>;

  get status(): LinkStatus {
    return this.#status;
  }

  get isOpen(): boolean {
    return this.#transport !== null;
  }

  open(): Promise<void> {
    if (this.#started) return Promise.resolve();
    this.#started = true;
    this.#closing = false;
    this.#attempt = 0;
    this.#run += 1;
    return this.#connect(this.#run);
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#started = false;
    this.#run += 1;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const transport = this.#transport;
    this.#dropTransport(`${this.description} was closed`);
    if (transport) {
      await transport.close().catch((error: unknown) => this.#reportError(error, `closing ${this.description} failed`));
    }
    this.#setStatus('closed');
  }

  write(data: Buffer): Promise<void> {
    return this.#mutex.run(() => this.#writeNow(data));
  }

  request(request: LinkRequest): Promise<Buffer> {
    return this.#mutex.run(async () => {
      // A late answer to an unanswered request must not be taken as this one's (answers such as ESC/POS status
      // bytes carry no id): the next request waits out the previous one's window, and what arrives meanwhile, with
      // nothing pending, is dropped.
      const wait = this.#lateUntil - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return this.#requestNow(request);
    });
  }

  #requestNow(request: LinkRequest): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      if (!this.#transport) {
        reject(new LinkClosedError(`${this.description} is not open (${request.command})`));
        return;
      }
      const pending: PendingRequest = {
        command: request.command,
        match: request.match,
        received: Buffer.alloc(0),
        timer: null,
        settle: (error, answer) => {
          if (pending.timer) clearTimeout(pending.timer);
          if (this.#pending === pending) this.#pending = null;
          if (error) reject(error);
          else resolve(answer ?? Buffer.alloc(0));
        },
      };
      // The waiter is in place before the bytes leave, so a fast answer is never missed.
      this.#pending = pending;
      this.#writeNow(request.data).then(
        () => {
          if (this.#pending !== pending) return;
          // The device gets `timeoutMs` of this process listening. After a stall the expired timer would otherwise run
          // before the input that has been waiting (timers come first in the event loop), and an answer already
          // sent would count as none.
          let heard = 0;
          let last = performance.now();
          const step = () => {
            const now = performance.now();
            heard += Math.min(now - last, 2 * LISTEN_STEP_MS);
            last = now;
            if (heard >= request.timeoutMs) {
              this.#lateUntil = performance.now() + request.timeoutMs;
              pending.settle(new LinkTimeoutError(request.command, request.timeoutMs, this.description));
            }
            else pending.timer = setTimeout(step, Math.min(LISTEN_STEP_MS, request.timeoutMs - heard));
          };
          pending.timer = setTimeout(step, Math.min(LISTEN_STEP_MS, request.timeoutMs));
        },
        (error: unknown) => {
          if (this.#pending === pending) pending.settle(asError(error));
        },
      );
    });
  }

  async #writeNow(data: Buffer): Promise<void> {
    const transport = this.#transport;
    if (!transport) throw new LinkClosedError(`${this.description} is not open`);
    const timeoutMs = this.linkOptions.writeTimeoutMs ?? 10_000;
    let abort: ((error: Error) => void) | null = null;
    let timer: NodeJS.Timeout | null = null;
    const guard = new Promise<never>((_, reject) => {
      abort = reject;
      this.#writeAborts.add(reject);
      timer = setTimeout(
        () => reject(new Error(`writing ${data.length} bytes to ${this.description} did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([transport.write(data), guard]);
    } finally {
      if (timer) clearTimeout(timer);
      if (abort) this.#writeAborts.delete(abort);
    }
  }

  async #connect(run: number): Promise<void> {
    this.#timer = null;
    if (run !== this.#run) return;
    this.#setStatus('connecting');
    const token = {};
    try {
      const transport = await this.connectTransport({
        onData: (data) => this.#onData(token, data),
        onLost: (error) => this.#onLost(token, error),
        onError: (error) => {
          if (this.#token === token) this.#reportError(error, this.description);
        },
      });
      if (run !== this.#run) {
        await transport.close().catch(() => undefined);
        return;
      }
      this.#transport = transport;
      this.#token = token;
      this.#attempt = 0;
      this.#setStatus('open');
    } catch (error: unknown) {
      if (run !== this.#run) return;
      this.#reportError(error, `cannot open ${this.description}`);
      this.#scheduleReconnect(run);
    }
  }

  #scheduleReconnect(run: number): void {
    const delay = backoffDelay(this.#attempt, this.linkOptions.reconnect);
    this.#attempt += 1;
    this.#setStatus('connecting');
    this.#timer = setTimeout(() => void this.#connect(run), delay);
  }

  #onData(token: object, data: Buffer): void {
    if (token !== this.#token) return;
    this.emit('data', data);
    const pending = this.#pending;
    if (!pending) return;
    pending.received = Buffer.concat([pending.received, data]);
    let used = 0;
    try {
      used = pending.match(pending.received);
    } catch (error: unknown) {
      pending.settle(asError(error));
      return;
    }
    if (used > 0) pending.settle(null, pending.received.subarray(0, used));
  }

  #onLost(token: object, error: Error | null): void {
    if (token !== this.#token) return;
    this.#dropTransport(`${this.description} disconnected`);
    if (this.#closing) return;
    this.#reportError(error ?? new Error('connection closed by the device'), `${this.description} disconnected`);
    this.#setStatus('closed');
    this.emit('disconnected');
    this.#scheduleReconnect(this.#run);
  }

  #dropTransport(reason: string): void {
    this.#transport = null;
    this.#token = null;
    const pending = this.#pending;
    if (pending) pending.settle(new LinkClosedError(`${reason} while waiting for ${pending.command}`));
    for (const abort of this.#writeAborts) abort(new LinkClosedError(`${reason} during a write`));
    this.#writeAborts.clear();
  }

  #setStatus(status: LinkStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.emit('status', status);
  }

  #reportError(error: unknown, context: string): void {
    // An 'error' event without a listener would throw; a link never throws into its owner.
    if (this.listenerCount('error') === 0) return;
    const cause = asError(error);
    this.emit('error', new Error(`${context}: ${cause.message}`, { cause }));
  }
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
