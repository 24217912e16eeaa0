import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, VisitorStatus } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';

type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface VisitorState {
  status: VisitorStatus | null;
  notFound: boolean;
  /** Neither the socket nor the last poll reached the server. */
  offline: boolean;
  updatedAt: number | null;
}

const POLL_MS = 15_000;

/**
 * The visitor's own ticket, live over Socket.IO; while the socket is down the page polls
 * GET /api/v1/tickets/status/:token every 15 s instead. An unknown token ends in `notFound`.
 */
export function useVisitorStatus(token: string): VisitorState & { replace(status: VisitorStatus): void } {
  const [state, setState] = useState<VisitorState>({ status: null, notFound: false, offline: false, updatedAt: null });
  const replaceRef = useRef<(s: VisitorStatus) => void>(() => undefined);

  useEffect(() => {
    let disposed = false;
    const update = (status: VisitorStatus) => {
      if (!disposed) setState({ status, notFound: false, offline: false, updatedAt: Date.now() });
    };
    replaceRef.current = update;
    const gone = () => {
      if (!disposed) setState((s) => ({ ...s, notFound: true }));
    };

    const poll = async () => {
      try {
        const res = await fetch(path('visitorStatus', { token }));
        if (res.ok) update((await res.json()) as VisitorStatus);
        else if (res.status === 404) gone();
        else if (!disposed) setState((s) => ({ ...s, offline: true }));
      } catch {
        if (!disposed) setState((s) => ({ ...s, offline: true }));
      }
    };

    const socket: VisitorSocket = io({ transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 });
    socket.on('connect', () => {
      socket.emit('hall:join', { role: 'visitor', statusToken: token }, (res) => {
        if (res.ok) {
          if (res.data.role === 'visitor') update(res.data.status);
        } else if (res.error.code === 'not_found') {
          gone();
          socket.close();
        } else void poll();
      });
    });
    socket.on('visitor:status', (e) => update(e.status));
    socket.on('disconnect', () => {
      if (!disposed) setState((s) => ({ ...s, offline: true }));
    });

    // The fallback: poll while the socket is not connected (and once at once if it has not connected soon).
    const first = setTimeout(() => {
      if (!socket.connected) void poll();
    }, 3000);
    const timer = setInterval(() => {
      if (!socket.connected) void poll();
    }, POLL_MS);
    return () => {
      disposed = true;
      clearTimeout(first);
      clearInterval(timer);
      socket.close();
    };
  }, [token]);

  return { ...state, replace: (s: VisitorStatus) => replaceRef.current(s) };
}

/** "I'm leaving": cancels the ticket; returns the new status, or null when it failed. */
export async function cancelTicket(token: string): Promise<VisitorStatus | null> {
  try {
    const res = await fetch(path('visitorCancel', { token }), { method: 'POST' });
    if (res.ok) return (await res.json()) as VisitorStatus;
    return null;
  } catch {
    return null;
  }
}
