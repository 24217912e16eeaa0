import { Router, type Request, type Response } from 'express';
import {
  CallTicketRequest,
  FinishRequest,
  OpenCounterRequest,
  PauseRequest,
  ProfileRequest,
  ResumeParkedRequest,
  TransferRequest,
} from '../protocol/index.js';
import type { Ticket } from '../domain/index.js';
import { actorOf, ticketView, type Actor, type Services } from '../services/index.js';
import { actorFor, userOf } from './auth.js';
import { body, param } from './parse.js';
import { routesOn } from './routeTable.js';
import type { RouteKey } from '../protocol/client/routes.js';

/** Counter routes: GET is public (what displays show); every action needs a staff token. */
export function countersRouter(s: Services): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  on('counters', (_req, res) => {
    res.json(s.views.counterViews(false));
  });

  const counterAction = (key: RouteKey, act: (id: string, actor: Actor, req: Request) => Ticket) =>
    on(key, (req: Request, res: Response) => {
      const t = act(param(req, 'id'), actorOf(userOf(res)), req);
      res.json(ticketView(t));
    });

  const counterState = (id: string) => s.views.counterView(s.counters.counter(id), s.tickets.inService(), true);

  on('openCounter', (req, res) => {
    const o = body(OpenCounterRequest, req);
    s.counters.open(param(req, 'id'), actorOf(userOf(res)), { services: o.services, takeOver: o.takeOver });
    res.json(counterState(param(req, 'id')));
  });
  on('closeCounter', (req, res) => {
    s.counters.close(param(req, 'id'), actorOf(userOf(res)));
    res.json(counterState(param(req, 'id')));
  });
  on('pauseCounter', (req, res) => {
    const { reason } = body(PauseRequest, req);
    s.counters.pause(param(req, 'id'), actorOf(userOf(res)), reason);
    res.json(counterState(param(req, 'id')));
  });
  on('unpauseCounter', (req, res) => {
    s.counters.unpause(param(req, 'id'), actorOf(userOf(res)));
    res.json(counterState(param(req, 'id')));
  });
  on('setProfile', (req, res) => {
    const { services } = body(ProfileRequest, req);
    s.counters.setProfile(param(req, 'id'), actorFor(req, res), services);
    res.json(counterState(param(req, 'id')));
  });

  counterAction('callNext', (id, actor) => s.counters.callNext(id, actor));
  counterAction('callTicket', (id, actor, req) => s.counters.callTicket(id, actor, body(CallTicketRequest, req).ticketId));
  counterAction('recall', (id, actor) => s.counters.recall(id, actor));
  counterAction('startService', (id, actor) => s.counters.start(id, actor));
  counterAction('noShow', (id, actor) => s.counters.noShow(id, actor));
  counterAction('finish', (id, actor, req) => {
    const f = body(FinishRequest, req);
    return s.counters.finish(id, actor, f.outcome, f.articleId);
  });
  counterAction('transfer', (id, actor, req) => s.counters.transfer(id, actor, body(TransferRequest, req)));
  counterAction('park', (id, actor) => s.counters.park(id, actor));
  counterAction('resumeParked', (id, actor, req) => s.counters.resumeParked(id, actor, body(ResumeParkedRequest, req).ticketId));

  return r;
}
