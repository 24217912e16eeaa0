import { Router, type RequestHandler, type Response } from 'express';
import { DomainError } from '../domain/index.js';
import type { NotifyService } from '../notify/notifyService.js';
import { NotifyChannel, NotifyOptInRequest, OutboxQuery } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { apiKeyOf, userOf } from './auth.js';
import { routesOn } from './routeTable.js';
import type { ClientRate } from './clientRate.js';
import { body, idParam, param } from './parse.js';

/**
 * Being told when it is your turn. Visitors (by their status token) ask for or stop messages, limited per client
 * address; supervisors see the outbox (addresses masked) and send a failed message again.
 */
export function notifyRouter(s: Services, notify: NotifyService, rate: ClientRate): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  /** Per client address; an enrolled kiosk (its API key, held to the key's own rate) is not limited here. */
  const limited: RequestHandler = (req, res, next) => {
    if (apiKeyOf(res)) {
      next();
      return;
    }
    const taken = rate.take(req.ip ?? 'unknown');
    if (taken.ok) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    next(new DomainError('too_many_requests', `Too many notification requests from this device. Try again in ${taken.retryAfterSeconds} s.`));
  };

  on('visitorNotify', limited, (req, res) => {
    res.json(notify.options(param(req, 'token')));
  });

  on('visitorNotifyOptIn', limited, (req, res) => {
    const token = param(req, 'token');
    res.json(notify.optIn(token, body(NotifyOptInRequest, req)));
  });

  on('visitorNotifyOptOut', limited, (req, res) => {
    const channel = NotifyChannel.safeParse(param(req, 'channel'));
    if (!channel.success) throw new DomainError('not_found', 'Unknown channel: use email, sms or push.');
    res.json(notify.optOut(param(req, 'token'), channel.data));
  });

  const visible = (res: Response) => {
    const user = userOf(res);
    return (serviceId: string) => s.scope.mayActOnService(user, serviceId);
  };

  on('notificationsStatus', (_req, res) => {
    res.json(notify.status());
  });

  on('notifications', (req, res) => {
    const q = OutboxQuery.parse(req.query);
    res.json(notify.list(q.status ?? null, q.limit, visible(res)));
  });

  on('retryNotification', (req, res) => {
    res.json(notify.retry(idParam(req, 'id'), visible(res)));
  });

  return r;
}
