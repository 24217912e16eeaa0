import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { RetryAfterRefusal, SequenceFollower, ServerVersion, withFigures } from '@vuoro/server/protocol/client';
import type {
  Ack,
  ApiError,
  ClientToServerEvents,
  DeviceStatusView,
  PublicSnapshot,
  ServerToClientEvents,
  Snapshot,
} from '@vuoro/server/protocol';

type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface QueueState {
  snapshot: PublicSnapshot | null;
  /** The socket is connected and joined. */
  connected: boolean;
  /** The server refused to join (e.g. an unknown kiosk id). */
  error: ApiError | null;
  /** Devices that belong to this kiosk (its printer), by id. */
  devices: Readonly<Record<string, DeviceStatusView>>;
  /** The server now runs another version than the one this page came from. */
  newVersion: boolean;
}

const INITIAL: QueueState = { snapshot: null, connected: false, error: null, devices: {}, newVersion: false };

/**
 * The kiosk's live picture of the hall: joins as a kiosk, keeps the snapshot, applies queue and device events,
 * and asks for a fresh snapshot when a sequence number is skipped, the config changes or the server restarted.
 */
export function useQueueSocket(kioskId: string | undefined): QueueState {
  const [state, setState] = useState<QueueState>(INITIAL);

  useEffect(() => {
    const socket: KioskSocket = io({ transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 3000 });
    const sequence = new SequenceFollower();
    const version = new ServerVersion();
    let disposed = false;
    // `too_many_requests` is asked again after the delay the server gave (with backoff, protocol/client/retry.ts);
    // other refusals (an unknown kiosk id) stay on screen.
    const retry = new RetryAfterRefusal();

    const answer = (again: () => void) => (res: Ack<Snapshot>) => {
      if (disposed) return;
      if (!res.ok) {
        sequence.feed({ type: 'refused' });
        setState((s) => ({ ...s, connected: false, error: res.error }));
        retry.refused(res.error, () => {
          if (!disposed && socket.connected) again();
        });
        return;
      }
      retry.answered();
      const snap = res.data;
      if (snap.role !== 'kiosk') return;
      // After a server restart, device states from before are unknown until they are reported again.
      const { restarted } = sequence.feed({ type: 'snapshot', seq: snap.seq, epoch: snap.epoch });
      setState((s) => ({ ...s, snapshot: snap, connected: true, error: null, devices: restarted ? {} : s.devices }));
    };
    const resync = (): void => {
      socket.emit(
        'hall:snapshot',
        answer(() => {
          if (sequence.feed({ type: 'stale' }).requestSnapshot) resync();
        }),
      );
    };
    const join = (): void => {
      sequence.feed({ type: 'joining' });
      socket.emit('hall:join', { role: 'kiosk', ...(kioskId ? { kioskId } : {}) }, answer(join));
    };
    /** True when the event follows the last one; after a gap one snapshot is requested and events wait for it. */
    const inOrder = (eventSeq: number): boolean => {
      const step = sequence.feed({ type: 'event', seq: eventSeq });
      if (step.requestSnapshot) resync();
      return step.apply;
    };

    socket.on('connect', () => {
      join();
      // The kiosk's clock and the version it came from; the answer tells whether the server was upgraded since.
      socket.emit('screen:hello', { clock: Date.now(), version: version.version }, (res) => {
        if (!disposed && res.ok && version.seen(res.data.version)) setState((s) => ({ ...s, newVersion: true }));
      });
    });
    socket.on('disconnect', () => {
      retry.cancel();
      if (!disposed) setState((s) => ({ ...s, connected: false }));
    });
    socket.on('queue:changed', (e) => {
      if (!inOrder(e.seq)) return;
      setState((s) => (s.snapshot ? { ...s, snapshot: { ...s.snapshot, seq: e.seq, services: withFigures(s.snapshot.services, e.services) } } : s));
    });
    socket.on('hall:config', () => {
      if (sequence.feed({ type: 'stale' }).requestSnapshot) resync();
    });
    socket.on('device:status', (e) => {
      if (!inOrder(e.seq)) return;
      const d = e.device;
      if (d.kioskId !== null && d.kioskId !== kioskId) return;
      setState((s) => ({ ...s, devices: { ...s.devices, [d.id]: d } }));
    });

    return () => {
      disposed = true;
      retry.cancel();
      socket.close();
    };
  }, [kioskId]);

  return state;
}
