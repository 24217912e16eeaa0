import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  JoinRequest,
  type Ack,
  type ClientToServerEvents,
  type DeviceStatusView,
  type ServerToClientEvents,
  type Role,
  type Snapshot,
} from '../protocol/index.js';
import { DomainError } from '../domain/index.js';
import { toApiError } from '../services/apiError.js';
import type { DomainEvent, ServerEventName } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { Coalescer } from './coalesce.js';
import type { Channel, Outgoing, Payload } from './outgoing.js';
import { counterChanged } from './projections/counterChanged.js';
import { counterTakenOver } from './projections/counterTakenOver.js';
import { deviceStatus } from './projections/deviceStatus.js';
import { hallAnnouncement } from './projections/hallAnnouncement.js';
import { hallConfig, isConfigChange } from './projections/hallConfig.js';
import { affectsQueue, queueChanged } from './projections/queueChanged.js';
import { ticketCalled } from './projections/ticketCalled.js';
import { ticketChanged } from './projections/ticketChanged.js';
import { ownTicketChanged, WaitingVisitors, type VisitorMessage } from './projections/visitorStatus.js';
import { Snapshots } from './snapshots.js';
import { StaffSessions } from './staffSessions.js';
import { ZodError } from 'zod';
import { socketAddress, type SocketLimits } from './socketLimits.js';
import { unknownTicketLink } from '../services/ticketService.js';

/** A per-address budget (a ClientRate): whether a request may go on, and taking one. */
export interface TokenMissBudget {
  peek(address: string): { ok: true } | { ok: false; retryAfterSeconds: number };
  take(address: string): unknown;
}
import { answerParser, SerializedAnswer } from './serializedAnswer.js';
import { PublicSnapshotCache } from './snapshotCache.js';
import { SentStates } from './sentStates.js';

interface SocketData {
  role: 'display' | 'kiosk' | 'staff' | 'visitor' | null;
  /** Staff sessions are checked again on every snapshot request. */
  token: string | null;
  /** The staff member behind `token`, so an account change ends this socket's staff membership. */
  userId?: number | null;
  /** The staff member's role and organisation, and the organisations whose tickets this socket may see (null: all). */
  staff?: { role: Role; organisationId: string | null; organisations: string[] | null } | null;
  ticketId: number | null;
  profileId: string | undefined;
}

type VuoroSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type VuoroIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const VISITOR_ROOM = 'visitor:';
const visitorRoom = (ticketId: number) => `${VISITOR_ROOM}${ticketId}`;

/**
 * The queue picture (waiting counts, estimates for every service and every followed ticket) is recomputed at most
 * once per this window. 150 ms: a rush at the kiosks or a burst of counter actions costs one estimate computation
 * and one message per screen instead of one per event, while a change still reaches a screen well within the
 * fraction of a second a person perceives as immediate. Calls never wait for it.
 */
export const QUEUE_WINDOW_MS = 150;

/**
 * Projections of the state an event leaves behind (a counter's view, a ticket, the configuration, the announcement,
 * a take-over), sent in the turn of the event loop after their events commit, in commit order. The call itself
 * (`ticket:called`, and a visitor's own call) goes out in the commit's turn, before them and before the answer to
 * the request that made it: what a hall waits for is the call, and the counter's answer follows it at once instead
 * of after a write of every other update to every screen. Each of these reads the state when it is sent, so a
 * screen never gets a view older than one already sent.
 */
const NEXT_TURN = [counterChanged, ticketChanged, hallConfig, hallAnnouncement, counterTakenOver] as const;

/** What the realtime consumer did, for the benchmark. */
export interface RealtimeFigures {
  queueBatches: number;
  visitorEmits: number;
}

/**
 * Rooms per role. Each channel (display, kiosk, staff) numbers its events; a client that sees a gap asks for a
 * snapshot. Displays and kiosks never receive visitors' tokens or needs; visitors get only their own ticket.
 */
export class Realtime {
  readonly io: VuoroIo;
  private readonly seq: Record<Channel, number> = { display: 0, kiosk: 0, staff: 0 };
  private readonly snapshots: Snapshots;
  private readonly staffSessions: StaffSessions;
  private readonly unsubscribe: () => void;
  private readonly queueBatch: Coalescer;
  private readonly waitingVisitors = new WaitingVisitors();
  /** Waiting visitors whose own ticket changed since the last batch ('all' after a configuration change). */
  private marked: Set<number> | 'all' = new Set();
  readonly figures: RealtimeFigures = { queueBatches: 0, visitorEmits: 0 };
  private readonly publicCache = new PublicSnapshotCache<Snapshot>();
  /**
   * Snapshots shared by every screen of one profile (from publicCache) and their answers, serialized once: a flood of
   * snapshot requests costs a lookup each, not a serialization each. Weak: an answer goes with its snapshot.
   */
  private readonly shared = new WeakSet<Snapshot>();
  private readonly sharedAnswers = new WeakMap<Snapshot, SerializedAnswer>();
  private readonly sentStates = new SentStates();
  /** Committed event batches whose state updates go out in the next turn (NEXT_TURN). */
  private followUps: (readonly DomainEvent[])[] = [];
  private followUpTimer: NodeJS.Immediate | null = null;

  constructor(
    http: HttpServer,
    private readonly s: Services,
    epoch: string,
    devices: () => DeviceStatusView[],
    private readonly log: (msg: string, err: unknown) => void,
    /** Per-socket and per-address limits (socketLimits.ts); none in a bare test. */
    private readonly limits?: SocketLimits,
    /** The per-address budget of unknown visitor tokens, shared with the HTTP token routes (http/tokenMisses.ts). */
    private readonly tokenMisses?: TokenMissBudget,
  ) {
    this.io = new Server(http, { serveClient: false, maxHttpBufferSize: 16_384, pingInterval: 10_000, pingTimeout: 8_000, parser: answerParser });
    limits?.attach(this.io);
    this.snapshots = new Snapshots(s, epoch, devices);
    this.staffSessions = new StaffSessions(this.io, s.auth);
    // Who may help whom changed: staff sockets are re-scoped and fetch a fresh snapshot.
    s.scope.onChange(() => {
      this.staffSessions.rescope((user) => this.s.scope.actable(user));
      this.io.to('staff').emit('hall:config', { seq: this.next('staff') });
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.queueBatch = new Coalescer(QUEUE_WINDOW_MS, () => this.sendQueue(), (err) => this.log('queue update failed', err));
    this.unsubscribe = s.events.subscribe({ name: 'realtime', handle: (events) => this.project(events) });
  }

  private next(channel: Channel): number {
    this.seq[channel] += 1;
    return this.seq[channel];
  }

  private onConnection(socket: VuoroSocket): void {
    socket.data = { role: null, token: null, ticketId: null, profileId: undefined };
    socket.on('hall:join', (raw, ack) => this.guarded(socket, ack, () => this.join(socket, raw)));
    socket.on('hall:snapshot', (ack) => this.guarded(socket, ack, () => this.snapshotFor(socket)));
  }

  /** Asks the limits first: an over-limit request is answered `too_many_requests` without any work. */
  private guarded(socket: VuoroSocket, ack: unknown, produce: () => Snapshot): void {
    if (!this.limits) return this.answer(socket, ack, produce);
    const limits = this.limits;
    void limits.admit(socket).then(
      (refused) => {
        if (refused === 'ignore') return;
        if (refused) reply(ack, { ok: false, error: refused });
        else this.answer(socket, ack, produce);
      },
      (err: unknown) => this.log('socket limit failed', err),
    );
  }

  private answer(socket: VuoroSocket, ack: unknown, produce: () => Snapshot): void {
    if (typeof ack !== 'function') {
      void this.limits?.noteInvalid(socket);
      return;
    }
    let res: Ack<Snapshot> | SerializedAnswer;
    try {
      const data = produce();
      res = this.shared.has(data) ? this.sharedAnswer(data) : { ok: true, data };
    } catch (err) {
      // A malformed or refused request is an answer, not a server fault: only unexpected errors are logged.
      if (err instanceof ZodError || (err instanceof DomainError && err.code === 'bad_request')) void this.limits?.noteInvalid(socket);
      else if (!(err instanceof DomainError)) this.log('socket request failed', err);
      res = { ok: false, error: toApiError(err) };
    }
    reply(ack, res);
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
        this.staffSessions.admit(socket, req.token, user, this.s.scope.actable(user));
        break;
      }
      case 'visitor': {
        // Unknown tokens count against the same per-address budget as on the HTTP token routes: a scanner gains
        // nothing by asking over a socket, and a token known to be unknown costs no lookup and no budget.
        const address = socketAddress(socket);
        const budget = this.tokenMisses?.peek(address);
        if (budget && !budget.ok) {
          throw new DomainError('too_many_requests', `Too many unknown ticket links from this address. Try again in ${budget.retryAfterSeconds} s.`, {
            retryAfterMs: budget.retryAfterSeconds * 1000,
          });
        }
        const known = this.s.tickets.knowToken(req.statusToken);
        if (known !== 'ticket') {
          if (known === 'unknown') this.tokenMisses?.take(address);
          throw unknownTicketLink();
        }
        const t = this.s.tickets.byToken(req.statusToken);
        socket.data = { role: 'visitor', token: null, ticketId: t.id, profileId: undefined };
        void socket.join(visitorRoom(t.id));
        const snapshot = this.snapshotFor(socket);
        // What the page just got is current: the next batch sends it only what changes.
        if (snapshot.role === 'visitor') this.waitingVisitors.joined(t.id, snapshot.status);
        return snapshot;
      }
    }
    return this.snapshotFor(socket);
  }

  /** The answer `{ok: true, data}` for a shared snapshot, serialized the first time a screen asks for it. */
  private sharedAnswer(data: Snapshot): SerializedAnswer {
    let answer = this.sharedAnswers.get(data);
    if (!answer) {
      answer = new SerializedAnswer(JSON.stringify({ ok: true, data } satisfies Ack<Snapshot>));
      this.sharedAnswers.set(data, answer);
    }
    return answer;
  }

  private snapshotFor(socket: VuoroSocket): Snapshot {
    const d = socket.data;
    switch (d.role) {
      case 'display':
      case 'kiosk': {
        const role = d.role;
        const seq = this.seq[role];
        const snapshot = this.publicCache.get(`${role}:${d.profileId ?? ''}`, seq, () => this.snapshots.public(role, seq, d.profileId));
        this.shared.add(snapshot);
        return snapshot;
      }
      case 'staff': {
        const user = d.token === null ? undefined : this.s.auth.verify(d.token);
        if (!user) {
          this.staffSessions.end(socket, 'expired');
          throw new DomainError('unauthorized', 'Your session has expired. Sign in again.');
        }
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
    this.staffSessions.check();
    this.send(deviceStatus(device));
  }

  /** The realtime consumer of the event flow: what can go now goes now; the queue picture goes in the next batch. */
  private project(events: readonly DomainEvent[]): void {
    // Sessions that ended (expired, removed) leave the staff room before anything more is sent to it.
    this.staffSessions.check();
    this.send(ticketCalled(events, this.s));
    this.followUps.push(events);
    this.followUpTimer ??= setImmediate(() => this.sendFollowUps());
    const rooms = this.io.of('/').adapter.rooms;
    const own = ownTicketChanged(events, this.s, (id) => rooms.has(visitorRoom(id)));
    for (const m of own.now) this.toVisitor(m);
    if (events.some(isConfigChange)) this.marked = 'all';
    else if (this.marked !== 'all') for (const id of own.waiting) this.marked.add(id);
    if (own.waiting.length > 0 || events.some(affectsQueue)) this.queueBatch.request();
  }

  /** What the events of the last turn left behind (NEXT_TURN), in commit order. */
  private sendFollowUps(): void {
    this.followUpTimer = null;
    const batches = this.followUps;
    this.followUps = [];
    this.staffSessions.check();
    for (const events of batches) {
      for (const projection of NEXT_TURN) {
        try {
          this.send(projection(events, this.s));
        } catch (err) {
          this.log('realtime update failed', err);
        }
      }
    }
  }

  /** One estimate computation for everything that happened in the window. */
  private sendQueue(): void {
    this.figures.queueBatches += 1;
    const marked = this.marked;
    this.marked = new Set();
    const counters = this.s.views.counters();
    this.send(queueChanged(this.s.views.serviceStatuses(this.s.now(), counters)));
    for (const m of this.waitingVisitors.batch(this.followedTickets(), marked, this.s, counters)) this.toVisitor(m);
  }

  private *followedTickets(): Generator<number> {
    for (const room of this.io.of('/').adapter.rooms.keys()) {
      if (room.startsWith(VISITOR_ROOM)) yield Number(room.slice(VISITOR_ROOM.length));
    }
  }

  private send(list: readonly Outgoing[]): void {
    for (const o of list) {
      if (o.event === 'ticket:changed' && o.channel === 'staff') {
        this.sendTicketChanged(o.payload);
        continue;
      }
      if (!this.sentStates.fresh(o)) continue;
      // Outgoing pairs each event name with its payload type; socket.io's typed emit cannot follow that union.
      const room = this.io.to(o.channel);
      const emit = room.emit.bind(room) as (event: ServerEventName, payload: unknown) => boolean;
      emit(o.event, { ...o.payload, seq: this.next(o.channel) });
    }
  }

  /**
   * One sequence number, one variant per organisation scope: staff who may not act for the ticket's organisation get
   * `ticket: null` (gone from their list), so their sequence stays whole without seeing its needs or notes.
   */
  private sendTicketChanged(payload: Payload<'ticket:changed'>): void {
    const seq = this.next('staff');
    const serviceId = payload.ticket?.serviceId;
    const org = serviceId === undefined ? undefined : this.s.hall.current().services.get(serviceId)?.organisationId;
    for (const [room, orgs] of this.staffSessions.scopes()) {
      const visible = orgs === null || org === undefined || orgs.includes(org);
      this.io.to(room).emit('ticket:changed', { ...payload, ticket: visible ? payload.ticket : null, seq });
    }
  }

  private toVisitor(m: VisitorMessage): void {
    this.figures.visitorEmits += 1;
    this.io.to(visitorRoom(m.ticketId)).emit('visitor:status', { seq: m.seq, status: m.status });
  }

  close(): Promise<void> {
    this.unsubscribe();
    this.staffSessions.close();
    this.queueBatch.close();
    if (this.followUpTimer) clearImmediate(this.followUpTimer);
    this.followUpTimer = null;
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}

function reply(ack: unknown, res: Ack<Snapshot> | SerializedAnswer): void {
  if (typeof ack === 'function') (ack as (r: Ack<Snapshot> | SerializedAnswer) => void)(res);
}
