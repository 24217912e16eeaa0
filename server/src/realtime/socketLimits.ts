import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { performance } from 'node:perf_hooks';
import type { Server, Socket } from 'socket.io';
import type { ApiError } from '../protocol/index.js';

/**
 * Limits on what one socket, or one address, may ask of the realtime server, so that no client can slow the hall:
 * sockets per address are capped at connection; `hall:join` and `hall:snapshot` are rate-limited per socket and
 * per address (an over-limit request is answered `too_many_requests` without any work); a socket that keeps sending
 * invalid or over-limit requests is disconnected. Nothing here knows about queues: the realtime server asks
 * `admit(socket)` before it answers a request and calls `noteInvalid(socket)` when a request was malformed.
 */

export interface SocketLimitSettings {
  /** Open sockets from one address (displays and kiosks are few and known; each browser tab is one socket). */
  socketsPerAddress: number;
  /** Join/snapshot requests one socket may make per `windowSeconds` (a client asks on connect and after a gap). */
  requestsPerSocket: number;
  /** Join/snapshot requests all sockets of one address may make per `windowSeconds`. */
  requestsPerAddress: number;
  windowSeconds: number;
  /** Invalid or refused requests a socket may send per minute before it is disconnected. */
  strikesPerSocket: number;
  /** Events of any name one socket may send per `windowSeconds` (screen:hello, future events, junk); more are dropped. */
  eventsPerSocket: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimitSettings = {
  socketsPerAddress: 50,
  requestsPerSocket: 10,
  requestsPerAddress: 300,
  windowSeconds: 10,
  strikesPerSocket: 30,
  eventsPerSocket: 60,
};

/** Time for the answers already sent to reach a socket that is being dropped. */
const DROP_DELAY_MS = 200;

const TOO_MANY: ApiError = {
  code: 'too_many_requests',
  message: 'Too many requests from this screen. Wait a few seconds and ask again.',
};

/** The address a socket came from (the direct peer; a proxy on this host forwards it). */
export function socketAddress(socket: Pick<Socket, 'handshake'>): string {
  const direct = socket.handshake.address;
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  const loopback = direct === '127.0.0.1' || direct === '::1' || direct === '::ffff:127.0.0.1';
  if (loopback && typeof forwarded === 'string' && forwarded.trim() !== '') return forwarded.split(',')[0]?.trim() ?? direct;
  return direct;
}

export class SocketLimits {
  private readonly open = new Map<string, number>();
  private readonly dropping = new Set<string>();
  private readonly perSocket: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  private readonly strikes: RateLimiterMemory;
  /** Counts of refusals since the last log line, so a flood writes one line, not thousands. */
  private refused = 0;
  private lastReport = 0;

  constructor(
    readonly settings: SocketLimitSettings,
    private readonly log: (msg: string) => void,
  ) {
    this.perSocket = new RateLimiterMemory({ points: settings.requestsPerSocket, duration: settings.windowSeconds });
    this.perAddress = new RateLimiterMemory({ points: settings.requestsPerAddress, duration: settings.windowSeconds });
    this.strikes = new RateLimiterMemory({ points: settings.strikesPerSocket, duration: 60 });
  }

  /** Installs the per-address socket cap on `io`. */
  attach(io: Server): void {
    io.use((socket, next) => {
      const address = socketAddress(socket);
      const n = this.open.get(address) ?? 0;
      if (n >= this.settings.socketsPerAddress) {
        this.noteRefusal(`sockets: ${address} already has ${n} open sockets (limit ${this.settings.socketsPerAddress})`);
        next(new Error('too many connections from this address'));
        return;
      }
      this.open.set(address, n + 1);
      // Every incoming event, whatever its name, counts against one budget per socket; beyond it the event is
      // dropped unanswered (and counted as a strike), so no handler, present or future, can be flooded.
      let windowStart = performance.now();
      let events = 0;
      socket.use((_packet, nextEvent) => {
        const now = performance.now();
        if (now - windowStart >= this.settings.windowSeconds * 1000) {
          windowStart = now;
          events = 0;
        }
        events += 1;
        if (events > this.settings.eventsPerSocket || this.dropping.has(socket.id)) {
          if (!this.dropping.has(socket.id)) void this.noteInvalid(socket);
          return;
        }
        nextEvent();
      });
      socket.once('disconnect', () => {
        const left = (this.open.get(address) ?? 1) - 1;
        if (left <= 0) this.open.delete(address);
        else this.open.set(address, left);
      });
      next();
    });
  }

  /** Open sockets per address now (for tests and metrics). */
  openSockets(address: string): number {
    return this.open.get(address) ?? 0;
  }

  /** Resolves to null when the request may be answered, the refusal to send instead, or 'ignore' (socket being dropped). */
  async admit(socket: Socket): Promise<ApiError | 'ignore' | null> {
    if (this.dropping.has(socket.id)) return 'ignore';
    const address = socketAddress(socket);
    try {
      await this.perSocket.consume(socket.id);
      await this.perAddress.consume(address);
      return null;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      this.noteRefusal(`sockets: ${address} is over the join/snapshot rate`);
      await this.noteInvalid(socket);
      return { ...TOO_MANY, details: { retryAfterMs: err.msBeforeNext } };
    }
  }

  /** Whether the socket is being dropped: its requests are ignored from then on (no work, no answer). */
  dropped(socket: Socket): boolean {
    return this.dropping.has(socket.id);
  }

  /**
   * A malformed or refused request: after too many in a minute the socket is dropped. The answers already sent are
   * delivered first (the disconnect waits a moment), and nothing more is answered meanwhile.
   */
  async noteInvalid(socket: Socket): Promise<void> {
    try {
      await this.strikes.consume(socket.id);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      if (socket.connected && !this.dropping.has(socket.id)) {
        this.dropping.add(socket.id);
        this.noteRefusal(`sockets: disconnected ${socketAddress(socket)} after too many invalid or refused requests`);
        setTimeout(() => {
          this.dropping.delete(socket.id);
          socket.disconnect(true);
        }, DROP_DELAY_MS).unref();
      }
    }
  }

  /** One log line per 10 s at most, with the number of refusals since the last one. */
  private noteRefusal(what: string): void {
    this.refused += 1;
    const now = performance.now();
    if (now - this.lastReport < 10_000) return;
    this.log(`${what} (${this.refused} refused since the last report)`);
    this.lastReport = now;
    this.refused = 0;
  }
}
