import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../domain/index.js';
import { API_KEY_PREFIX, type ApiKeyView, type ApiScope, type Role, type UserView } from '../protocol/index.js';
import type { ApiKeyService } from '../services/apiKeyService.js';
import { actorOf, hasRole, type AuthService } from '../services/authService.js';
import type { Actor } from '../services/context.js';

export function bearerToken(req: Request): string | undefined {
  const h = req.get('authorization');
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/** The signed-in user of a request that passed `requireRole`. */
export function userOf(res: Response): UserView {
  const user = res.locals.user as UserView | undefined;
  if (!user) throw new DomainError('unauthorized', 'Sign in first.');
  return user;
}

/** The API key a request came with (after `apiKeyGate`), if any. */
export function apiKeyOf(res: Response): ApiKeyView | undefined {
  return res.locals.apiKey as ApiKeyView | undefined;
}

/** The organisation an API key is limited to; null for staff sessions and hall-wide keys. */
export function keyOrganisation(res: Response): string | null {
  return apiKeyOf(res)?.organisationId ?? null;
}

/**
 * `Authorization: Bearer vuoro_…` is an API key: checked here (unknown, revoked or expired → 401; over its rate
 * limit → 429 with Retry-After) before any route. Which routes it may use is decided per route by its scopes.
 */
export function apiKeyGate(keys: ApiKeyService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token?.startsWith(API_KEY_PREFIX)) {
      next();
      return;
    }
    const c = keys.check(token);
    if (!c.ok) {
      if (c.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(c.retryAfterSeconds));
      next(c.error);
      return;
    }
    res.locals.apiKey = c.key;
    // A key reads like a supervisor of its organisation (or of the hall), within its scopes.
    const user: UserView = { id: 0, username: `apikey:${c.key.name}`, displayName: c.key.name, role: 'supervisor', organisationId: c.key.organisationId };
    res.locals.user = user;
    next();
  };
}

/** On a public route: an API key that comes along must carry `scope`. */
export function requireScopeOfKey(scope: ApiScope): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const key = apiKeyOf(res);
    next(key && !key.scopes.includes(scope) ? new DomainError('forbidden', `This API key lacks the "${scope}" scope.`) : undefined);
  };
}

/**
 * Staff routes need a bearer token from POST /api/v1/session, of at least `role`. An API key may use the route only
 * when the route names a `scope` and the key has it.
 */
export function requireRole(auth: AuthService, role: Role, scope?: ApiScope): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = apiKeyOf(res);
    if (key) {
      if (!scope) next(new DomainError('forbidden', 'An API key cannot use this route; it is for signed-in staff.'));
      else if (!key.scopes.includes(scope)) next(new DomainError('forbidden', `This API key lacks the "${scope}" scope.`));
      else next();
      return;
    }
    const token = bearerToken(req);
    const user = token ? auth.verify(token) : undefined;
    if (!user) {
      next(new DomainError('unauthorized', token ? 'Your session has expired. Sign in again.' : 'Sign in first: this needs a staff token.'));
      return;
    }
    if (!hasRole(user, role)) {
      next(new DomainError('forbidden', `This needs the ${role} role.`));
      return;
    }
    res.locals.user = user;
    next();
  };
}

/** The signed-in user as the acting party, with the client address for the audit log. */
export function actorFor(req: Request, res: Response): Actor {
  return actorOf(userOf(res), req.ip ?? null);
}
