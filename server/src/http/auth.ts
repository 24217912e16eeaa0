import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../domain/index.js';
import type { Role, UserView } from '../protocol/index.js';
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

/** Staff routes need a bearer token from POST /api/v1/session, of at least `role`. */
export function requireRole(auth: AuthService, role: Role): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
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
