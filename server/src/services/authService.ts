import { createHash } from 'node:crypto';
import type { AdminUserView, HallConfig, Role, SessionEndReason, SessionView, SignInActivity, UserView } from '../protocol/index.js';
import { DomainError } from '../domain/index.js';
import { KNOWN_ADDRESS_MS, toUserView, type UserRecord } from '../store/index.js';
import { AuditTrail } from './auditTrail.js';
import type { Directory } from '../directory/ldapDirectory.js';
import type { Actor, ServiceContext } from './context.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { SignInGuard, type SignInRefusal } from './signInGuard.js';

const SESSION_MS = 12 * 3600_000;
/** An address the user signed in from within this time is known-good: not slowed when others guess the password. */
const KNOWN_GOOD_MS = KNOWN_ADDRESS_MS;

const RANK: Record<Role, number> = { staff: 1, supervisor: 2, admin: 3 };

export function hasRole(user: Pick<UserView, 'role'>, needed: Role): boolean {
  return RANK[user.role] >= RANK[needed];
}

export function actorOf(user: UserView, from?: string | null): Actor {
  return { userId: user.id, name: user.displayName, role: user.role, organisationId: user.organisationId, username: user.username, from: from ?? null };
}

/** A user as the audit log shows it: never a password hash. */
function auditedUser(u: UserRecord): Record<string, unknown> {
  return { username: u.username, displayName: u.displayName, role: u.role, organisationId: u.organisationId, disabled: u.disabled, source: u.source };
}

/** The password hash of a directory account: not a hash at all, so no local password ever matches it. */
const DIRECTORY_ACCOUNT = '!directory';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Staff accounts and bearer-token sessions. Tokens are stored only as hashes. */
/** Sessions that ended early: one (by its token) or all of a user's. */
export type SessionsEnded = ({ token: string } | { userId: number }) & { reason: SessionEndReason };

export class AuthService {
  private readonly guard = new SignInGuard();
  private readonly endListeners = new Set<(e: SessionsEnded) => void>();
  private readonly audit: AuditTrail;
  private directory: Directory | undefined;
  private log: (msg: string) => void = () => undefined;

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditTrail(ctx.store, ctx.now);
  }

  /**
   * Signs in from `address` (the client's IP). Throttled by `SignInGuard`: per (username, address) lock, per-username
   * slow-down that spares addresses the user signed in from before, per-address lock; every attempt is recorded.
   */
  async login(username: string, password: string, address = 'unknown'): Promise<SessionView> {
    const now = this.ctx.now();
    const user = this.ctx.store.users.byUsername(username) ?? this.ctx.store.users.byUsername(username.toLowerCase());
    const knownGood = user ? this.ctx.store.signIns.isKnown(user.id, address, now, KNOWN_GOOD_MS) : false;
    // The guard runs on the monotonic clock: a wall-clock step back must not lengthen a lock.
    const attempt = this.guard.begin(username, address, knownGood, this.ctx.monotonic());
    if ('reason' in attempt) {
      this.ctx.store.signIns.record(now, username, address, 'refused', attempt.reason);
      throw refusal(attempt);
    }
    let signedIn: UserRecord;
    try {
      if (this.directory && (!user || user.source === 'directory')) {
        signedIn = await this.directoryUser(this.directory, username, password);
      } else {
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok || user.disabled || user.source !== 'local') {
          throw new DomainError('unauthorized', 'The username or password is not right.');
        }
        signedIn = user;
      }
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'unauthorized' || err.code === 'forbidden')) {
        this.ctx.store.signIns.record(this.ctx.now(), username, address, 'wrong-password', user ? (user.disabled ? 'disabled' : null) : 'unknown-user');
      } else {
        // Not the visitor's failure (the directory cannot be reached): the attempt does not count.
        this.guard.succeed(attempt);
      }
      throw err;
    }
    this.guard.succeed(attempt);
    this.ctx.store.transaction(() => {
      this.ctx.store.signIns.record(now, username, address, 'ok');
      this.ctx.store.signIns.remember(signedIn.id, address, now);
    });
    return this.startSession(signedIn, now);
  }

  /** Recent sign-in attempts and the locks in force, for the admin. */
  signInActivity(limit: number): SignInActivity {
    const now = this.ctx.now();
    const tick = this.ctx.monotonic();
    return {
      attempts: this.ctx.store.signIns.recent(limit).map((a) => ({ at: a.at, username: a.username, address: a.address, outcome: a.outcome, reason: a.reason })),
      // Locks end on the monotonic clock; the admin reads them as wall-clock times.
      locked: this.guard.locks(tick).map((l) => ({ ...l, until: now + (l.until - tick) })),
      slowed: this.guard.slowed(tick),
    };
  }

  /** Staff of the city's directory sign in through it (never with a cached or local password). */
  useDirectory(directory: Directory | undefined, log: (msg: string) => void): void {
    this.directory = directory;
    this.log = log;
  }

  /**
   * Checks the password with the directory and creates or updates the local record from the mapped group. Local
   * accounts (the break-glass admin) never reach this.
   */
  private async directoryUser(directory: Directory, username: string, password: string): Promise<UserRecord> {
    const answer = await directory.authenticate(username, password);
    const now = this.ctx.now();
    if (answer.kind === 'unavailable') {
      this.log(`directory sign-in of "${username}" failed: the directory cannot be reached: ${answer.reason}`);
      throw new DomainError(
        'directory_unavailable',
        'The staff directory cannot be reached, so directory accounts cannot sign in now. Local accounts still work. The problem was logged.',
      );
    }
    if (answer.kind === 'invalid') {
      throw new DomainError('unauthorized', 'The username or password is not right.');
    }
    if (answer.kind === 'unmapped') {
      throw new DomainError('forbidden', 'Your account is not in a directory group that Vuoro maps to a role. Ask an administrator to add you to one.');
    }
    if (answer.organisationId !== null && !this.ctx.hall().config.organisations.some((o) => o.id === answer.organisationId)) {
      this.log(`directory sign-in of "${username}": the group maps to organisation "${answer.organisationId}", which the hall does not have`);
      throw new DomainError('forbidden', `Your directory group maps to the organisation "${answer.organisationId}", which this hall does not have. Ask an administrator.`);
    }
    const name = username.toLowerCase();
    const user = this.ctx.store.transaction(() => {
      const existing = this.ctx.store.users.byUsername(name);
      if (!existing) {
        return this.ctx.store.users.insert(
          { username: name, displayName: answer.displayName, passwordHash: DIRECTORY_ACCOUNT, role: answer.role, organisationId: answer.organisationId, source: 'directory' },
          now,
        );
      }
      const next: UserRecord = { ...existing, displayName: answer.displayName, role: answer.role, organisationId: answer.organisationId };
      this.ctx.store.users.update(next);
      return next;
    });
    if (user.disabled || user.source !== 'directory') {
      throw new DomainError('unauthorized', 'The username or password is not right.');
    }
    return user;
  }

  private startSession(user: UserRecord, now: number): SessionView {
    const token = this.ctx.token(32);
    const expiresAt = now + SESSION_MS;
    this.ctx.store.sessions.purge(now);
    this.ctx.store.sessions.insert(tokenHash(token), user.id, now, expiresAt);
    return { token, expiresAt, user: toUserView(user) };
  }

  logout(token: string): void {
    this.ctx.store.sessions.delete(tokenHash(token));
    this.sessionsEnded({ token, reason: 'signed-out' });
  }

  /**
   * `listener` hears of every session that ends before it expires: a sign-out (by token) or an account disabled,
   * given a new password, role or organisation (by user). Realtime ends those sockets' staff membership at once.
   */
  onSessionsEnded(listener: (e: SessionsEnded) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private sessionsEnded(e: SessionsEnded): void {
    for (const l of this.endListeners) l(e);
  }

  /** The user behind a bearer token, or undefined when the token is unknown, expired or the user disabled. */
  verify(token: string): UserView | undefined {
    const s = this.ctx.store.sessions.find(tokenHash(token), this.ctx.now());
    const user = s && this.ctx.store.users.byId(s.userId);
    return user && !user.disabled ? toUserView(user) : undefined;
  }

  users(): AdminUserView[] {
    return this.ctx.store.users.all().map((u) => ({ ...toUserView(u), disabled: u.disabled, source: u.source }));
  }

  async createUser(
    input: { username: string; displayName: string; password: string; role: Role; organisationId: string | null },
    actor?: Actor,
  ): Promise<UserView> {
    if (this.ctx.store.users.byUsername(input.username)) {
      throw new DomainError('conflict', `The username "${input.username}" is taken.`);
    }
    this.checkOrganisation(input.organisationId);
    const passwordHash = await hashPassword(input.password);
    const u = this.ctx.store.transaction(() => {
      const created = this.ctx.store.users.insert({ ...input, passwordHash }, this.ctx.now());
      if (actor) this.audit.record(actor, 'user.create', String(created.id), null, auditedUser(created));
      return created;
    });
    return toUserView(u);
  }

  async updateUser(
    id: number,
    patch: { displayName?: string | undefined; password?: string | undefined; role?: Role | undefined; organisationId?: string | null | undefined; disabled?: boolean | undefined },
    actor?: Actor,
  ): Promise<UserView> {
    const u = this.ctx.store.users.byId(id);
    if (!u) throw new DomainError('not_found', `There is no user ${id}.`);
    if (patch.organisationId !== undefined) this.checkOrganisation(patch.organisationId);
    if (patch.password && u.source === 'directory') {
      throw new DomainError('validation_failed', 'password: this account signs in through the directory; its password is kept there.');
    }
    const next: UserRecord = {
      ...u,
      displayName: patch.displayName ?? u.displayName,
      role: patch.role ?? u.role,
      organisationId: patch.organisationId === undefined ? u.organisationId : patch.organisationId,
      disabled: patch.disabled ?? u.disabled,
      passwordHash: patch.password ? await hashPassword(patch.password) : u.passwordHash,
    };
    if (u.role === 'admin' && (next.role !== 'admin' || next.disabled) && this.activeAdmins() <= 1) {
      throw new DomainError('conflict', 'This is the last active admin; make another admin first.');
    }
    // A disabled, demoted or moved account, or a new password, signs in again: what it may see has changed.
    const endsSessions =
      next.disabled || Boolean(patch.password) || next.role !== u.role || next.organisationId !== u.organisationId;
    this.ctx.store.transaction(() => {
      this.ctx.store.users.update(next);
      if (endsSessions) this.ctx.store.sessions.deleteForUser(id);
      if (actor) {
        this.audit.record(actor, 'user.update', String(id), auditedUser(u), { ...auditedUser(next), ...(patch.password ? { passwordChanged: true } : {}) });
      }
    });
    if (endsSessions) this.sessionsEnded({ userId: id, reason: 'account-changed' });
    return toUserView(next);
  }

  /**
   * On a new database: the `admin` user (password from VUORO_ADMIN_PASSWORD, or generated and returned so the
   * caller prints it once), and in a demo hall its documented demo accounts.
   */
  async bootstrap(config: HallConfig, adminPassword: string | undefined): Promise<{ generatedAdminPassword: string | null }> {
    if (this.ctx.store.users.count() > 0) return { generatedAdminPassword: null };
    const generated = adminPassword ? null : this.ctx.token(12);
    await this.createUser({ username: 'admin', displayName: 'Administrator', password: adminPassword ?? generated ?? '', role: 'admin', organisationId: null });
    if (config.hall.demo) {
      for (const a of config.demoAccounts) {
        await this.createUser({ username: a.username, displayName: a.displayName, password: a.password, role: a.role, organisationId: a.organisationId ?? null });
      }
    }
    return { generatedAdminPassword: generated };
  }

  private activeAdmins(): number {
    return this.ctx.store.users.all().filter((u) => u.role === 'admin' && !u.disabled).length;
  }

  private checkOrganisation(org: string | null): void {
    if (org !== null && !this.ctx.hall().config.organisations.some((o) => o.id === org)) {
      throw new DomainError('validation_failed', `There is no organisation "${org}".`);
    }
  }
}

function refusal(r: SignInRefusal): DomainError {
  const wait = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
  const when = wait >= 90 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`;
  const message =
    r.reason === 'pair-locked'
      ? `Too many failed sign-ins for this account from this computer. Try again in ${when}.`
      : r.reason === 'account-slowed'
        ? `Too many failed sign-ins for this account from several places. Try again in ${when}, or sign in from a computer you used before.`
        : `Too many failed sign-ins from this computer. Try again in ${when}.`;
  return new DomainError('too_many_requests', message, { retryAfterSeconds: wait, reason: r.reason });
}
