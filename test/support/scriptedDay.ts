import type { IssueTicketResponse } from '../../server/src/protocol/index.js';
import type { TestServer } from './server.js';

const MIN = 60_000;

/** A scripted day against the real server: its clock, requests that must succeed, and the tickets issued by name. */
export interface ScriptedDay {
  /** The clock to start the server with. */
  now(): number;
  /** Moves the clock to `minute` minutes after the day's start. */
  at(minute: number): number;
  /** Calls the API as `token` (anonymous without); an answer of 300 or more throws, naming the request and the answer. */
  ok(method: string, p: string, token?: string, body?: unknown): Promise<unknown>;
  /** Takes a ticket for `serviceId` (as a kiosk would) and keeps it under `name`. */
  issue(name: string, serviceId: string): Promise<void>;
  tickets: Record<string, IssueTicketResponse['ticket']>;
}

/** `server` is read at each request, so the day can be made before the server starts (`startServer({ now: day.now })`). */
export function scriptedDay(server: () => TestServer, start: number): ScriptedDay {
  let t = start;
  const tickets: Record<string, IssueTicketResponse['ticket']> = {};
  const ok = async (method: string, p: string, token?: string, body?: unknown): Promise<unknown> => {
    const r = await server().api(method, p, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    now: () => t,
    at: (minute) => (t = start + minute * MIN),
    ok,
    issue: async (name, serviceId) => {
      tickets[name] = ((await ok('POST', '/api/v1/tickets', undefined, { serviceId })) as IssueTicketResponse).ticket;
    },
    tickets,
  };
}
