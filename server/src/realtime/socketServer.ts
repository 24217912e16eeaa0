import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  ACTIVE_STATES,
  JoinRequest,
  type Ack,
  type ClientToServerEvents,
  type DeviceStatusView,
  type ServerToClientEvents,
  type Snapshot,
} from '../protocol/index.js';
import { DomainError, type Counter } from '../domain/index.js';
import { toApiError } from '../http/errors.js';
import type { DomainEvent } from '../protocol/index.js';
import { ticketView, type Services } from '../services/index.js';
import { Snapshots } from './snapshots.js';

type Channel = 'display' | 'kiosk' | 'staff';

interface SocketData {
  role: 'display' | 'kiosk' | 'staff' | 'visitor' | null;
  /** Staff sessions are checked again on every snapshot request. */
  token: string | null;
  ticketId: number | null;
  profileId: string | undefined;
}

type VuoroSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type VuoroIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const visitorRoom = (ticketId: number) => `visitor:${ticketId}`;

/**
 * Rooms per role. Each channel (display, kiosk, staff) numbers its events; a client that sees a gap asks for a
 * snapshot. Displays and kiosks never receive visitors' tokens or needs; visitors get only their own ticket.
 */
export class Realtime {
  readonly io: VuoroIo;
  private readonly seq: Record<Channel, number> = { display: 0, kiosk: 0, staff: 0 };
  private readonly snapshots: Snapshots;
  private readonly unsubscribe: () => void;

  constructor(
    http: HttpServer,
    private readonly s: Services,
    epoch: string,
    devices: () => DeviceStatusView[],
    private readonly log: (msg: string, err: unknown) => void,
  ) {
    this.io = new Server(http, { serveClient: false, maxHttpBufferSize: 16_384, pingInterval: 10_000, pingTimeout: 8_000 });
    this.snapshots = new Snapshots(s, epoch, devices);
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribe = s.events.subscribe({ name: 'realtime', handle: (events) => this.broadcast(changeOf(events)) });
  }

  private next(channel: Channel): number {
    this.seq[channel] += 1;
    return this.seq[channel];
  }

  private onConnection(socket: VuoroSocket): void {
    socket.data = { role: null, token: null, ticketId: null, profileId: undefined };
    socket.on('hall:join', (raw, ack) => this.answer(ack, () => this.join(socket, raw)));
    socket.on('hall:snapshot', (ack) => this.answer(ack, () => this.snapshotFor(socket)));
  }

  private answer(ack: unknown, produce: () => Snapshot): void {
    if (typeof ack !== 'function') return;
    let res: Ack<Snapshot>;
    try {
      res = { ok: true, data: produce() };
    } catch (err) {
      if (!(err instanceof DomainError)) this.log('socket request failed', err);
      res = { ok: false, error: toApiError(err) };
    }
    (ack as (r: Ack<Snapshot>) => void)(res);
  }

  private join(socket: VuoroSocket, raw: unknown): Snapshot {
    const req = JoinRequest.parse(raw);
    for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    switch (req.role) {
      case 'display':
      case 'kiosk': {
        const id = req.role === 'display' ? req.displayId : req.kioskId;
        const hall = this.s.hall.current();
        if (id !== undefined && !(req.role === 'display' ? hall.displays : hall.kiosks).has(id)) {
          throw new DomainError('not_found', `There is no ${req.role} "${id}" in this hall's configuration.`);
        }
        socket.data = { role: req.role, token: null, ticketId: null, profileId: id };
        void socket.join(req.role);
        break;
      }
      case 'staff': {
        const user = this.s.auth.verify(req.token);
        if (!user) throw new DomainError('unauthorized', 'Your session has expired. Sign in again.');
        socket.data = { role: 'staff', token: req.token, ticketId: null, profileId: undefined };
        void socket.join('staff');
        break;
      }
      case 'visitor': {
        const t = this.s.tickets.byToken(req.statusToken);
        socket.data = { role: 'visitor', token: null, ticketId: t.id, profileId: undefined };
        void socket.join(visitorRoom(t.id));
        break;
      }
    }
    return this.snapshotFor(socket);
  }

  private snapshotFor(socket: VuoroSocket): Snapshot {
    const d = socket.data;
    switch (d.role) {
      case 'display':
      case 'kiosk':
        return this.snapshots.public(d.role, this.seq[d.role], d.profileId);
      case 'staff': {
        const user = d.token === null ? undefined : this.s.auth.verify(d.token);
        if (!user) throw new DomainError('unauthorized', 'Your session has expired. Sign in again.');
        return this.snapshots.staff(this.seq.staff, user);
      }
      case 'visitor':
        return this.snapshots.visitor(this.s.tickets.byId(d.ticketId ?? 0));
      default:
        throw new DomainError('bad_request', 'Join first with hall:join.');
    }
  }

  /** Device state changes go to staff and to kiosks (a kiosk shows its own printer's trouble). */
  deviceStatus(device: DeviceStatusView): void {
    this.io.to('staff').emit('device:status', { seq: this.next('staff'), device });
    this.io.to('kiosk').emit('device:status', { seq: this.next('kiosk'), device });
  }

  private broadcast(c: Change): void {
    const { views } = this.s;
    const now = this.s.now();
    const inService = this.s.tickets.inService();
    const counters = views.counters();
    if (c.config) {
      for (const ch of ['display', 'kiosk', 'staff'] as const) this.io.to(ch).emit('hall:config', { seq: this.next(ch) });
    }
    for (const id of c.counters ?? []) {
      const counter = counters.find((x) => x.id === id);
      if (!counter) continue;
      this.io.to('display').emit('counter:changed', { seq: this.next('display'), counter: views.counterView(counter, inService, false) });
      this.io.to('staff').emit('counter:changed', { seq: this.next('staff'), counter: views.counterView(counter, inService, true) });
    }
    for (const id of c.tickets ?? []) {
      const t = this.s.tickets.find(id);
      const ticket = t && ACTIVE_STATES.includes(t.state) ? ticketView(t) : null;
      this.io.to('staff').emit('ticket:changed', { seq: this.next('staff'), ticketId: id, ticket });
    }
    for (const { ticketId, recall, at } of c.calls) {
      const t = this.s.tickets.find(ticketId);
      if (!t) continue;
      const call = views.callView(t, recall, at);
      this.io.to('display').emit('ticket:called', { seq: this.next('display'), call });
      this.io.to('staff').emit('ticket:called', { seq: this.next('staff'), call });
    }
    if (c.queue) {
      const services = views.serviceStatuses(now, counters);
      for (const ch of ['display', 'kiosk', 'staff'] as const) this.io.to(ch).emit('queue:changed', { seq: this.next(ch), services });
    }
    if (c.announcement) {
      const text = this.s.hall.announcement();
      this.io.to('display').emit('hall:announcement', { seq: this.next('display'), text });
      this.io.to('staff').emit('hall:announcement', { seq: this.next('staff'), text });
    }
    for (const { counterId, previousUserId, byUserId } of c.takenOver) {
      const by = views.userName(byUserId) ?? '';
      this.io.to('staff').emit('counter:taken-over', { seq: this.next('staff'), counterId, by, previousUserId });
    }
    this.updateVisitors(c, counters);
  }

  private updateVisitors(c: Change, counters: readonly Counter[]): void {
    const changed = new Set(c.tickets ?? []);
    const rooms = this.io.of('/').adapter.rooms;
    for (const room of rooms.keys()) {
      if (!room.startsWith('visitor:')) continue;
      const id = Number(room.slice('visitor:'.length));
      if (!c.queue && !c.config && !changed.has(id)) continue;
      const t = this.s.tickets.find(id);
      if (!t || (t.state !== 'waiting' && !changed.has(id))) continue;
      const status = this.s.views.visitorStatus(t, counters);
      this.io.to(room).emit('visitor:status', { seq: this.s.tickets.lastEventId(id), status });
    }
  }

  close(): Promise<void> {
    this.unsubscribe();
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}

/** What a batch of committed events touched (a step towards one projection per outgoing event). */
interface Change {
  tickets?: number[];
  counters?: string[];
  calls: { ticketId: number; recall: boolean; at: number }[];
  queue?: boolean;
  announcement?: boolean;
  config?: boolean;
  takenOver: { counterId: string; previousUserId: number; byUserId: number }[];
}

function changeOf(events: readonly DomainEvent[]): Change {
  const tickets = new Set<number>();
  const counters = new Set<string>();
  const c: Change = { calls: [], takenOver: [] };
  for (const e of events) {
    if (e.ticketId !== null && e.type !== 'feedback_given') tickets.add(e.ticketId);
    if (e.counterId !== null && e.type !== 'feedback_given') counters.add(e.counterId);
    switch (e.type) {
      case 'ticket_called':
      case 'ticket_recalled':
        if (e.ticketId !== null) c.calls.push({ ticketId: e.ticketId, recall: e.type === 'ticket_recalled', at: e.at });
        break;
      case 'counter_taken_over':
        if (e.counterId !== null && e.userId !== null) c.takenOver.push({ counterId: e.counterId, previousUserId: e.data.from, byUserId: e.userId });
        break;
      case 'config_changed':
        if (e.data.what === 'announcement') c.announcement = true;
        else c.config = true;
        break;
      default:
        break;
    }
    if (e.type !== 'feedback_given' && !(e.type === 'config_changed' && e.data.what === 'announcement')) c.queue = true;
  }
  if (tickets.size > 0) c.tickets = [...tickets];
  if (counters.size > 0) c.counters = [...counters];
  return c;
}
