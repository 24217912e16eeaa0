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
import { actorFor, requireRole, userOf } from './auth.js';
import { body, param } from './parse.js';

/** Counter routes: GET is public (what displays show); every action needs a staff token. */
export function countersRouter(s: Services): Router {
  const r = Router();
  const staff = requireRole(s.auth, 'staff');

  r.get('/counters', (req, res) => {
    res.json(s.views.counterViews(false));
  });

  const counterAction = (path: string, act: (id: string, actor: Actor, req: Request) => Ticket) =>
    r.post(`/counters/:id/${path}`, staff, (req: Request, res: Response) => {
      const t = act(param(req, 'id'), actorOf(userOf(res)), req);
      res.json(ticketView(t));
    });

  const counterState = (id: string) => s.views.counterView(s.counters.counter(id), s.tickets.inService(), true);

  r.post('/counters/:id/open', staff, (req, res) => {
    const o = body(OpenCounterRequest, req);
    s.counters.open(param(req, 'id'), actorOf(userOf(res)), { services: o.services, takeOver: o.takeOver });
    res.json(counterState(param(req, 'id')));
  });
  r.post('/counters/:id/close', staff, (req, res) => {
    s.counters.close(param(req, 'id'), actorOf(userOf(res)));
    res.json(counterState(param(req, 'id')));
  });
  r.post('/counters/:id/pause', staff, (req, res) => {
    const { reason } = body(PauseRequest, req);
    s.counters.pause(param(req, 'id'), actorOf(userOf(res)), reason);
    res.json(counterState(param(req, 'id')));
  });
  r.post('/counters/:id/unpause', staff, (req, res) => {
    s.counters.unpause(param(req, 'id'), actorOf(userOf(res)));
    res.json(counterState(param(req, 'id')));
  });
  r.put('/counters/:id/profile', requireRole(s.auth, 'supervisor'), (req, res) => {
    const { services } = body(ProfileRequest, req);
    s.counters.setProfile(param(req, 'id'), actorFor(req, res), services);
    res.json(counterState(param(req, 'id')));
  });

  counterAction('next', (id, actor) => s.counters.callNext(id, actor));
  counterAction('call', (id, actor, req) => s.counters.callTicket(id, actor, body(CallTicketRequest, req).ticketId));
  counterAction('recall', (id, actor) => s.counters.recall(id, actor));
  counterAction('start', (id, actor) => s.counters.start(id, actor));
  counterAction('no-show', (id, actor) => s.counters.noShow(id, actor));
  counterAction('finish', (id, actor, req) => {
    const f = body(FinishRequest, req);
    return s.counters.finish(id, actor, f.outcome, f.articleId);
  });
  counterAction('transfer', (id, actor, req) => s.counters.transfer(id, actor, body(TransferRequest, req)));
  counterAction('park', (id, actor) => s.counters.park(id, actor));
  counterAction('resume', (id, actor, req) => s.counters.resumeParked(id, actor, body(ResumeParkedRequest, req).ticketId));

  return r;
}
