import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack, CallView, ClientToServerEvents, PublicSnapshot, ServerToClientEvents, Snapshot } from '@vuoro/server/protocol';

/** Receives calls to announce (oldest first) with the snapshot they belong to. */
export type OnCalls = (calls: CallView[], snapshot: PublicSnapshot) => void;
import { INITIAL_STATE, step, type BoardInput, type BoardState } from '../state/boardState.js';
import { RetryAfterRefusal, ServerVersion } from '@vuoro/server/protocol/client';

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface QueueSocketState extends BoardState {
  /** Set when the server refused this display (e.g. an unknown profile id). */
  error: { code: string; message: string } | null;
  /** The server now runs another version than the one this page came from. */
  newVersion: boolean;
  /** When the last call arrived (epoch ms, 0 = none yet). */
  lastCallAt: number;
}

/** Holds the board state outside React so socket callbacks always see the latest, and React reads it. */
class BoardStore {
  private state: QueueSocketState = { ...INITIAL_STATE, error: null, newVersion: false, lastCallAt: 0 };
  private readonly listeners = new Set<() => void>();
  /** Refusals in a row (reset by a snapshot) and the pending retry after a `too_many_requests`. */
  private readonly retry = new RetryAfterRefusal();

  constructor(
    private readonly requestSnapshot: () => void,
    private readonly announce: OnCalls,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): QueueSocketState => this.state;

  apply(input: BoardInput): void {
    const r = step(this.state, input);
    if (input.type === 'snapshot') this.retry.answered();
    this.set({ ...this.state, ...r.state, error: input.type === 'snapshot' ? null : this.state.error });
    if (r.announce.length > 0 && r.state.snapshot !== null) this.announce(r.announce, r.state.snapshot);
    if (r.resync) this.requestSnapshot();
  }

  note(patch: Partial<Pick<QueueSocketState, 'newVersion' | 'lastCallAt'>>): void {
    this.set({ ...this.state, ...patch });
  }

  /**
   * A join or snapshot was refused. `too_many_requests` is asked `again` after the delay the server gave (with
   * backoff, protocol/client/retry.ts); the error shows until a snapshot arrives. Other refusals stay on screen.
   */
  fail(error: { code: string; message: string; details?: Record<string, unknown> | undefined }, again: () => void): void {
    const { state } = step(this.state, { type: 'refused' });
    this.set({ ...this.state, ...state, error });
    this.retry.refused(error, again);
  }

  /** Forgets a pending retry (the socket disconnected or the board is closed: a new connection joins anyway). */
  cancelRetry(): void {
    this.retry.cancel();
  }

  private set(next: QueueSocketState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}

function acceptSnapshot(store: BoardStore, res: Ack<Snapshot>, again: () => void): void {
  if (!res.ok) {
    store.fail(res.error, again);
    return;
  }
  if (res.data.role === 'display') store.apply({ type: 'snapshot', snapshot: res.data satisfies PublicSnapshot });
}

/**
 * Joins the hall as a display, keeps its snapshot and applies the sequenced events. socket.io reconnects by
 * itself; every (re)connection joins again and draws from a fresh snapshot, so a server restart heals on its own.
 * `onCalls` receives calls to announce, in order.
 */
export function useQueueSocket(displayId: string | null, onCalls: OnCalls): QueueSocketState {
  const onCallsRef = useRef(onCalls);
  onCallsRef.current = onCalls;
  const storeRef = useRef<{ store: BoardStore; socket: DisplaySocket; version: ServerVersion } | null>(null);
  if (storeRef.current === null) {
    const socket: DisplaySocket = io({
      path: '/socket.io',
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.3,
    });
    const version = new ServerVersion();
    const askSnapshot = (): void => {
      socket.emit('hall:snapshot', (res) =>
        acceptSnapshot(store, res, () => {
          if (!socket.connected) return;
          store.apply({ type: 'joining' });
          askSnapshot();
        }),
      );
    };
    const store = new BoardStore(askSnapshot, (calls, snapshot) => onCallsRef.current(calls, snapshot));
    storeRef.current = { store, socket, version };
  }
  const { store, socket, version } = storeRef.current;

  useEffect(() => {
    const join = () => {
      store.apply({ type: 'joining' });
      socket.emit('hall:join', displayId === null ? { role: 'display' } : { role: 'display', displayId }, (res) =>
        acceptSnapshot(store, res, () => {
          if (socket.connected) join();
        }),
      );
    };
    // The display's clock and the version it came from; the answer tells whether the server was upgraded since.
    const hello = () =>
      socket.emit('screen:hello', { clock: Date.now(), version: version.version }, (res) => {
        if (res.ok && version.seen(res.data.version)) store.note({ newVersion: true });
      });
    const lost = () => {
      store.cancelRetry();
      store.apply({ type: 'connection', connection: 'reconnecting' });
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect', () => {
      join();
      hello();
    });
    socket.on('disconnect', (reason) => {
      lost();
      // A server shutting down disconnects its sockets on purpose, and socket.io then does not reconnect by
      // itself; a display must come back when the server does, so it asks again.
      if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), 1_000);
    });
    socket.on('connect_error', lost);
    socket.on('ticket:called', (e) => {
      store.note({ lastCallAt: Date.now() });
      store.apply({ type: 'ticket:called', ...e });
    });
    socket.on('queue:changed', (e) => store.apply({ type: 'queue:changed', ...e }));
    socket.on('counter:changed', (e) => store.apply({ type: 'counter:changed', ...e }));
    socket.on('hall:announcement', (e) => store.apply({ type: 'hall:announcement', ...e }));
    socket.on('hall:config', (e) => store.apply({ type: 'hall:config', ...e }));
    socket.connect();
    return () => {
      clearTimeout(retry);
      store.cancelRetry();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [socket, store, displayId]);

  return useSyncExternalStore(store.subscribe, store.get);
}
