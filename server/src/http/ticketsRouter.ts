import { Router, type RequestHandler, type Response } from 'express';
import { IssueTicketRequest, TicketPageQuery, TicketNoteRequest, ChangeServiceRequest, type IssueTicketResponse, type PrintResult } from '../protocol/index.js';
import { DomainError } from '../domain/index.js';
import { actorOf, ticketView, type Services } from '../services/index.js';
import type { Ticket } from '../domain/index.js';
import { apiKeyOf, bearerToken, keyOrganisation, userOf } from './auth.js';
import type { ClientRate } from './clientRate.js';
import { body, idParam, param } from './parse.js';
import { printWithin, type PrintTicket } from './printTicket.js';
import { routesOn } from './routeTable.js';



export type { PrintTicket } from './printTicket.js';

export function ticketsRouter(s: Services, print: PrintTicket, anonymous: ClientRate): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  /**
   * Known issuers (a kiosk's credential, which is an API key with the tickets:issue scope and its own rate, or a staff
   * session) are not limited here; anything else is limited per client address.
   */
  const issueRate: RequestHandler = (req, res, next) => {
    const token = bearerToken(req);
    if (apiKeyOf(res) || (token !== undefined && s.auth.verify(token))) {
      next();
      return;
    }
    const r2 = anonymous.take(req.ip ?? 'unknown');
    if (r2.ok) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(r2.retryAfterSeconds));
    next(
      new DomainError(
        'too_many_requests',
        `This device may take ${anonymous.perMinute} tickets a minute without a kiosk credential. Try again in ${r2.retryAfterSeconds} s.`,
      ),
    );
  };

  /**
   * Tickets (their needs and notes) are seen by staff of the ticket's organisation and of organisations allowed to
   * help it; an API key of an organisation sees that organisation's.
   */
  const maySee = (res: Response, t: Ticket): boolean => {
    const org = keyOrganisation(res);
    if (org !== null) return s.hall.current().belongsTo(org, { serviceId: t.serviceId });
    if (apiKeyOf(res)) return true;
    return s.scope.mayActOnService(userOf(res), t.serviceId);
  };

  /** A visitor takes a ticket. `Idempotency-Key` makes a double tap return the same ticket. */
  on('issueTicket', issueRate, async (req, res) => {
    const input = body(IssueTicketRequest, req);
    const org = keyOrganisation(res);
    if (org !== null && !s.hall.current().belongsTo(org, { serviceId: input.serviceId })) {
      throw new DomainError('forbidden', `This API key is limited to the services of "${org}".`);
    }
    const key = req.get('idempotency-key');
    if (key !== undefined && !/^[\w-]{8,100}$/.test(key)) {
      throw new DomainError('bad_request', 'Idempotency-Key must be 8 to 100 letters, digits, "-" or "_".');
    }
    const { ticket, stored, replay } = await s.tickets.issueBatched(input, key);
    // The kiosk waits for the printer at most PRINT_WAIT_MS; the ticket is valid whatever the printer does.
    const printed: PrintResult = replay ? { status: 'repeat' } : await printWithin(print, stored, input.kioskId ?? null, origin(req));
    const payload: IssueTicketResponse = { ticket, print: printed };
    res.status(replay ? 200 : 201).json(payload);
  });


  /** The visitor's own ticket, by its unguessable token. */
  on('visitorStatus', (req, res) => {
    res.json(s.views.visitorStatus(s.tickets.byToken(param(req, 'token'))));
  });

  /** "I'm leaving": the visitor cancels their own ticket. */
  on('visitorCancel', (req, res) => {
    const t = s.tickets.cancelByVisitor(param(req, 'token'));
    res.json(s.views.visitorStatus(t));
  });

  /** Active tickets in arrival order, a page at a time (`limit` ≤ 1000, `offset`); X-Total-Count gives the total. */
  on('tickets', (req, res) => {
    const page = TicketPageQuery.parse(req.query);
    const mine = s.tickets.active().filter((t) => maySee(res, t));
    res.setHeader('X-Total-Count', String(mine.length));
    res.json(mine.slice(page.offset, page.offset + page.limit).map(ticketView));
  });

  /** Waiting tickets no open counter can call, with why (protocol/stranded.ts): the supervisor's list to fix. */
  on('strandedTickets', (_req, res) => {
    res.json(s.views.stranded().filter(({ ticket }) => maySee(res, ticket)).map(({ ticket, reason }) => ({ ticket: ticketView(ticket), reason })));
  });

  on('ticket', (req, res) => {
    const t = s.tickets.byId(idParam(req, 'id'));
    if (!maySee(res, t)) throw new DomainError('not_found', `There is no ticket ${t.id}.`);
    res.json(ticketView(t));
  });

  on('ticketEvents', (req, res) => {
    const t = s.tickets.byId(idParam(req, 'id'));
    if (!maySee(res, t)) throw new DomainError('not_found', `There is no ticket ${t.id}.`);
    res.json(s.tickets.history(t.id));
  });

  /** The estimates told to this ticket's visitor (at issue, then sampled from the status page), to compare with the wait. */
  on('ticketPromises', (req, res) => {
    const t = s.tickets.byId(idParam(req, 'id'));
    if (!maySee(res, t)) throw new DomainError('not_found', `There is no ticket ${t.id}.`);
    res.json(s.tickets.promises(t.id));
  });

  on('requeue', (req, res) => {
    res.json(ticketView(s.tickets.requeue(idParam(req, 'id'), actorOf(userOf(res)))));
  });

  on('ticketNote', (req, res) => {
    const { note } = body(TicketNoteRequest, req);
    res.json(ticketView(s.tickets.note(idParam(req, 'id'), note, actorOf(userOf(res)))));
  });

  on('ticketService', (req, res) => {
    const { serviceId } = body(ChangeServiceRequest, req);
    res.json(ticketView(s.tickets.changeService(idParam(req, 'id'), serviceId, actorOf(userOf(res)))));
  });

  on('reprint', async (req, res) => {
    const t = s.tickets.byId(idParam(req, 'id'));
    const kioskId = typeof req.query.kioskId === 'string' ? req.query.kioskId : t.kioskId;
    res.json(await print(t, kioskId, origin(req)));
  });

  return r;
}

/** Base URL for links printed on tickets: the configured public URL, else the request's own host. */
function origin(req: { protocol: string; get(name: string): string | undefined }): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
