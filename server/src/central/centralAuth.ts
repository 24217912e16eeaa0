import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../domain/index.js';
import type { NewCentralUser, SessionView, UserView } from '../protocol/index.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../services/passwords.js';
import type { CentralDb } from './store/centralDb.js';
import { CentralUserRepository, type CentralUserRecord } from './store/centralUsers.js';

const SESSION_MS = 12 * 3600_000;
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 60_000;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function centralUserView(u: CentralUserRecord): UserView {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, organisationId: u.organisationId };
}

/** Central back-office accounts (admins and supervisors, optionally of one organisation) and their sessions. */
export class CentralAuth {
  private readonly users: CentralUserRepository;
  private readonly failures = new Map<string, number[]>();

  constructor(db: CentralDb, private readonly now: () => number) {
    this.users = new CentralUserRepository(db);
  }

  async login(username: string, password: string): Promise<SessionView> {
    const now = this.now();
    const recent = (this.failures.get(username) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    if (recent.length >= MAX_FAILURES) throw new DomainError('too_many_requests', 'Too many failed sign-ins. Wait a minute and try again.');
    const user = await this.users.byUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      if (this.failures.size > 10_000) this.failures.clear();
      this.failures.set(username, [...recent, now]);
      throw new DomainError('unauthorized', 'The username or password is not right.');
    }
    this.failures.delete(username);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_MS;
    await this.users.insertSession(sha256(token), user.id, now, expiresAt);
    return { token, expiresAt, user: centralUserView(user) };
  }

  async logout(token: string): Promise<void> {
    await this.users.deleteSession(sha256(token));
  }

  async verify(token: string): Promise<UserView | undefined> {
    const u = await this.users.bySession(sha256(token), this.now());
    return u && centralUserView(u);
  }

  async list(): Promise<UserView[]> {
    return (await this.users.all()).map(centralUserView);
  }

  async create(input: NewCentralUser): Promise<UserView> {
    if (await this.users.byUsername(input.username)) throw new DomainError('conflict', `The username "${input.username}" is taken.`);
    const passwordHash = await hashPassword(input.password);
    return centralUserView(await this.users.insert({ ...input, passwordHash }, this.now()));
  }

  /** On a new central database: the `admin` user; the password is VUORO_ADMIN_PASSWORD, or generated and returned. */
  async bootstrap(adminPassword: string | undefined): Promise<string | null> {
    if ((await this.users.count()) > 0) return null;
    const generated = adminPassword ? null : randomBytes(12).toString('base64url');
    try {
      await this.create({ username: 'admin', displayName: 'Administrator', password: adminPassword ?? generated ?? '', role: 'admin', organisationId: null });
    } catch (err) {
      // Another central process starting on the same database created it first.
      if (err instanceof DomainError && err.code === 'conflict') return null;
      if ((err as { code?: unknown }).code === '23505') return null;
      throw err;
    }
    return generated;
  }
}
