import { ScreenHello, type Ack, type ScreenView, type ScreenWelcome } from '../protocol/index.js';
import { toApiError } from '../services/apiError.js';
import type { VuoroIo } from './socketServer.js';

interface Seen {
  connectedAt: number;
  lastContact: number;
  clockSkewMs: number | null;
  version: string | null;
}

/**
 * Which displays and kiosks are connected, since when, when they were last heard from (any packet, the heartbeat
 * included, every 10 s), and how far their clocks are from the server's. Answers `screen:hello` with the server's
 * version, so a screen loaded from an older release knows to reload.
 */
export class ScreenTracker {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly io: VuoroIo,
    private readonly version: string,
    private readonly now: () => number,
  ) {
    io.on('connection', (socket) => {
      const at = now();
      const entry: Seen = { connectedAt: at, lastContact: at, clockSkewMs: null, version: null };
      this.seen.set(socket.id, entry);
      socket.conn.on('packet', () => {
        entry.lastContact = this.now();
      });
      socket.on('disconnect', () => this.seen.delete(socket.id));
      socket.on('screen:hello', (raw: unknown, ack: unknown) => {
        const parsed = ScreenHello.safeParse(raw);
        const serverClock = this.now();
        let res: Ack<ScreenWelcome>;
        if (parsed.success) {
          entry.clockSkewMs = Math.round(parsed.data.clock - serverClock);
          entry.version = parsed.data.version;
          res = { ok: true, data: { version: this.version, serverClock } };
        } else {
          res = { ok: false, error: toApiError(parsed.error) };
        }
        if (typeof ack === 'function') (ack as (r: Ack<ScreenWelcome>) => void)(res);
      });
    });
  }

  /** Connected displays and kiosks, longest connected first. */
  list(): ScreenView[] {
    const out: ScreenView[] = [];
    for (const socket of this.io.of('/').sockets.values()) {
      const role = socket.data.role;
      const entry = this.seen.get(socket.id);
      if ((role !== 'display' && role !== 'kiosk') || !entry) continue;
      out.push({ role, profileId: socket.data.profileId ?? null, address: socket.handshake.address, ...entry });
    }
    return out.sort((a, b) => a.connectedAt - b.connectedAt);
  }
}
