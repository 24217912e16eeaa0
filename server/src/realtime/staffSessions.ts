import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents, SessionEndReason, UserView } from '../protocol/index.js';
import type { AuthService, SessionsEnded } from '../services/authService.js';

interface StaffSocketData {
  role: string | null;
  token: string | null;
  userId?: number | null;
  staff?: { role: Role; organisationId: string | null; organisations: string[] | null } | null;
}

type AnySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, StaffSocketData>;
type AnyServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, StaffSocketData>;

export const STAFF_ROOM = 'staff';

/** The room of staff sockets that may see the tickets of exactly these organisations. */
export const scopeRoom = (organisations: readonly string[] | null): string =>
  organisations === null ? 'staff-scope:*' : `staff-scope:${organisations.join(',')}`;

/**
 * Staff sockets hold visitors' needs, notes and staff names, so a staff socket keeps its room only while its session
 * lives. A sign-out or an account change (disabled, new role, organisation or password) ends the matching sockets'
 * membership at once; before staff events are sent, every staff socket's session is checked again (two primary-key
 * reads each, a few dozen sockets at most), which catches expiry and anything else that ended a session.
 */
export class StaffSessions {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly io: AnyServer,
    private readonly auth: Pick<AuthService, 'verify' | 'onSessionsEnded'>,
  ) {
    this.unsubscribe = auth.onSessionsEnded((e) => this.ended(e));
  }

  /**
   * Joins a socket to the staff room for the user behind `token`, and to the room of its organisation scope
   * (`organisations`: those whose tickets it may see; null = all), which ticket events are sent per.
   */
  admit(socket: AnySocket, token: string, user: UserView, organisations: ReadonlySet<string> | null): void {
    const orgs = organisations === null ? null : [...organisations].sort();
    socket.data = { ...socket.data, role: 'staff', token, userId: user.id, staff: { role: user.role, organisationId: user.organisationId, organisations: orgs } };
    void socket.join(STAFF_ROOM);
    void socket.join(scopeRoom(orgs));
  }

  /** The organisation-scope rooms that have staff sockets, with the organisations each may see (null: all). */
  scopes(): Map<string, string[] | null> {
    const out = new Map<string, string[] | null>();
    for (const socket of this.members()) {
      const orgs = socket.data.staff?.organisations ?? null;
      out.set(scopeRoom(orgs), orgs);
    }
    return out;
  }

  /** Re-computes every staff socket's organisation scope (after a change of who may help whom). */
  rescope(actable: (user: { role: Role; organisationId: string | null }) => ReadonlySet<string> | null): void {
    for (const socket of this.members()) {
      const staff = socket.data.staff;
      if (!staff) continue;
      void socket.leave(scopeRoom(staff.organisations));
      const next = actable(staff);
      const orgs = next === null ? null : [...next].sort();
      socket.data = { ...socket.data, staff: { ...staff, organisations: orgs } };
      void socket.join(scopeRoom(orgs));
    }
  }

  /** Checks every staff socket's session; those that ended leave the room before anything more is sent. */
  check(): void {
    for (const socket of this.members()) {
      const token = socket.data.token;
      if (token === null || this.auth.verify(token) === undefined) this.end(socket, 'expired');
    }
  }

  close(): void {
    this.unsubscribe();
  }

  private ended(e: SessionsEnded): void {
    for (const socket of this.members()) {
      const match = 'token' in e ? socket.data.token === e.token : socket.data.userId === e.userId;
      if (match) this.end(socket, e.reason);
    }
  }

  private members(): AnySocket[] {
    const ids = this.io.of('/').adapter.rooms.get(STAFF_ROOM);
    if (!ids) return [];
    return [...ids].flatMap((id) => {
      const socket = this.io.of('/').sockets.get(id);
      return socket ? [socket] : [];
    });
  }

  end(socket: AnySocket, reason: SessionEndReason): void {
    void socket.leave(STAFF_ROOM);
    void socket.leave(scopeRoom(socket.data.staff?.organisations ?? null));
    socket.data = { ...socket.data, role: null, token: null, userId: null, staff: null };
    socket.emit('session:ended', { reason });
  }
}
