import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/index.js';
import type { CentralHallView, HallCredential, NewHall } from '../protocol/index.js';
import { sha256 } from './centralAuth.js';
import type { CentralDb } from './store/centralDb.js';
import { HallRegistry, type HallRecord } from './store/hallRegistry.js';

/**
 * Per-hall credentials: `vh1.<hall id>.<secret>`, issued by the central admin, stored as SHA-256 of the whole token
 * (the secret is 32 random bytes, so a fast hash is enough). Rotating issues a new one; the old one stops working.
 */
export function hallView(h: HallRecord): CentralHallView {
  return {
    id: h.id,
    name: h.name,
    createdAt: h.createdAt,
    credentialIssuedAt: h.credentialIssuedAt,
    lastEventId: h.lastEventId,
    lastContactAt: h.lastContactAt,
    timeZone: h.timeZone,
  };
}

export class HallCredentials {
  private readonly halls: HallRegistry;

  constructor(db: CentralDb, private readonly now: () => number) {
    this.halls = new HallRegistry(db);
  }

  async list(): Promise<CentralHallView[]> {
    return (await this.halls.all()).map(hallView);
  }

  async register(input: NewHall): Promise<HallCredential> {
    const token = newToken(input.id);
    if (!(await this.halls.insert(input.id, input.name, sha256(token), this.now()))) {
      throw new DomainError('conflict', `There is already a hall "${input.id}".`);
    }
    return { hall: hallView(await this.get(input.id)), token };
  }

  async rotate(hallId: string): Promise<HallCredential> {
    const token = newToken(hallId);
    if (!(await this.halls.setCredential(hallId, sha256(token), this.now()))) throw new DomainError('not_found', `There is no hall "${hallId}".`);
    return { hall: hallView(await this.get(hallId)), token };
  }

  /** The hall a credential belongs to, or undefined: unknown hall, wrong or rotated secret, malformed token. */
  async verify(token: string): Promise<string | undefined> {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'vh1' || !parts[1]) return undefined;
    const hall = await this.halls.byId(parts[1]);
    if (!hall) return undefined;
    const a = Buffer.from(sha256(token), 'hex');
    const b = Buffer.from(hall.credentialHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b) ? hall.id : undefined;
  }

  private async get(id: string): Promise<HallRecord> {
    const h = await this.halls.byId(id);
    if (!h) throw new DomainError('not_found', `There is no hall "${id}".`);
    return h;
  }
}

function newToken(hallId: string): string {
  return `vh1.${hallId}.${randomBytes(32).toString('base64url')}`;
}
