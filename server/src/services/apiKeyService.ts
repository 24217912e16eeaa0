import { createHash } from 'node:crypto';
import { DomainError } from '../domain/index.js';
import { API_KEY_PREFIX, type ApiKeyView, type ApiScope, type CreateApiKeyRequest, type CreatedApiKey } from '../protocol/index.js';
import type { ApiKeyRecord } from '../store/index.js';
import { AuditTrail } from './auditTrail.js';
import type { Actor, ServiceContext } from './context.js';

const WINDOW_MS = 60_000;
/** last_used_at is written at most this often per key, so a busy integration does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function view(k: ApiKeyRecord): ApiKeyView {
  const { createdBy: _createdBy, ...v } = k;
  return v;
}

/** The outcome of presenting a key: the key, or why it is refused. */
export type KeyCheck =
  | { ok: true; key: ApiKeyView }
  | { ok: false; error: DomainError; retryAfterSeconds?: number };

/**
 * API keys for integrations: `vuoro_` + 32 random bytes, shown once; only the SHA-256 is stored. Each key has
 * scopes, optionally an organisation, an expiry, and its own rate limit (requests per minute).
 */
export class ApiKeyService {
  private readonly audit: AuditTrail;
  private readonly windows = new Map<number, { start: number; count: number }>();
  private readonly lastUsedWritten = new Map<number, number>();

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditTrail(ctx.store, ctx.now);
  }

  list(): ApiKeyView[] {
    return this.ctx.store.apiKeys.all().map(view);
  }

  create(input: Required<Omit<CreateApiKeyRequest, 'expiresAt' | 'organisationId'>> & { expiresAt: number | null; organisationId: string | null }, actor: Actor): CreatedApiKey {
    const now = this.ctx.now();
    if (input.organisationId !== null && !this.ctx.hall().config.organisations.some((o) => o.id === input.organisationId)) {
      throw new DomainError('validation_failed', `There is no organisation "${input.organisationId}".`);
    }
    if (input.expiresAt !== null && input.expiresAt <= now) throw new DomainError('validation_failed', 'expiresAt: the expiry must be in the future.');
    const secret = API_KEY_PREFIX + this.ctx.token(32);
    const scopes = [...new Set(input.scopes)] as ApiScope[];
    const key = this.ctx.store.transaction(() => {
      const k = this.ctx.store.apiKeys.insert(
        {
          name: input.name,
          prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
          scopes,
          organisationId: input.organisationId,
          ratePerMinute: input.ratePerMinute,
          expiresAt: input.expiresAt,
          createdAt: now,
          createdBy: actor.userId,
        },
        secretHash(secret),
      );
      this.audit.record(actor, 'apikey.create', String(k.id), null, view(k));
      return k;
    });
    return { key: view(key), secret };
  }

  revoke(id: number, actor: Actor): ApiKeyView {
    return this.ctx.store.transaction(() => {
      const k = this.ctx.store.apiKeys.byId(id);
      if (!k) throw new DomainError('not_found', `There is no API key ${id}.`);
      if (k.revokedAt !== null) return view(k);
      this.ctx.store.apiKeys.revoke(id, this.ctx.now());
      const after = this.ctx.store.apiKeys.byId(id) ?? k;
      this.audit.record(actor, 'apikey.revoke', String(id), view(k), view(after));
      this.windows.delete(id);
      return view(after);
    });
  }

  /** Checks a presented secret: known, not revoked, not expired, within its rate limit. Records the use. */
  check(secret: string): KeyCheck {
    const now = this.ctx.now();
    const k = this.ctx.store.apiKeys.byHash(secretHash(secret));
    if (!k) return { ok: false, error: new DomainError('unauthorized', 'This API key is not known.') };
    if (k.revokedAt !== null) return { ok: false, error: new DomainError('unauthorized', 'This API key has been revoked.') };
    if (k.expiresAt !== null && k.expiresAt <= now) return { ok: false, error: new DomainError('unauthorized', 'This API key has expired.') };
    // Rate windows run on the monotonic clock: a wall-clock correction neither lengthens nor resets them.
    const tick = this.ctx.monotonic();
    const w = this.windows.get(k.id);
    if (!w || tick - w.start >= WINDOW_MS) {
      this.windows.set(k.id, { start: tick, count: 1 });
    } else if (w.count >= k.ratePerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - tick) / 1000));
      return {
        ok: false,
        error: new DomainError('too_many_requests', `This API key allows ${k.ratePerMinute} requests a minute. Try again in ${retryAfterSeconds} s.`),
        retryAfterSeconds,
      };
    } else {
      w.count += 1;
    }
    if (now - (this.lastUsedWritten.get(k.id) ?? 0) >= LAST_USED_EVERY_MS) {
      this.lastUsedWritten.set(k.id, now);
      this.ctx.store.apiKeys.markUsed(k.id, now);
    }
    return { ok: true, key: view(k) };
  }
}
