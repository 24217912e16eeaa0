import { z } from 'zod';
import * as P from '../protocol/index.js';
import { API_ROUTES } from './apiIndex.js';

/**
 * The OpenAPI 3.1 document of /api/v1, built from the route list (`API_ROUTES`, also served by GET /api/v1) and the
 * zod schemas of the protocol: request bodies and query strings as JSON Schema (zod's own `toJSONSchema`, draft
 * 2020-12, which OpenAPI 3.1 uses as is), the error shape, and the two bearer schemes (staff sessions, API keys).
 *
 * Response bodies are described by status and the error schema; their payload schemas are not yet generated, because
 * the views are TypeScript types, not zod schemas (see the notes of the integrations work).
 */

interface RouteSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  /** Success status when it is not 200. */
  status?: number;
  /** Content type of the success answer when it is not JSON. */
  produces?: string;
}

/** Schemas of the routes that take a body or a query, keyed `METHOD /api/v1/path` as in API_ROUTES. */
export const ROUTE_SCHEMAS: Readonly<Record<string, RouteSchemas>> = {
  'POST /api/v1/tickets': { body: P.IssueTicketRequest, status: 201 },
  'POST /api/v1/tickets/status/:token/feedback': { body: P.FeedbackRequest, status: 201 },
  'PUT /api/v1/tickets/status/:token/notify': { body: P.NotifyOptInRequest },
  'GET /api/v1/notifications': { query: P.OutboxQuery },
  'POST /api/v1/session': { body: P.LoginRequest, status: 201 },
  'GET /api/v1/appointments/days': { query: P.DaysQuery },
  'GET /api/v1/appointments/slots': { query: P.SlotsQuery },
  'POST /api/v1/appointments': { body: P.BookRequest, status: 201 },
  'GET /api/v1/appointments': { query: P.AppointmentDayQuery },
  'POST /api/v1/appointments/check-in': { body: P.CheckInRequest },
  'GET /api/v1/appointments/:code/calendar.ics': { produces: 'text/calendar' },
  'POST /api/v1/appointments/:code/cancel': { body: P.CancelAppointmentRequest },
  'POST /api/v1/appointments/:code/move': { body: P.MoveRequest },
  'POST /api/v1/counters/:id/open': { body: P.OpenCounterRequest },
  'POST /api/v1/counters/:id/pause': { body: P.PauseRequest },
  'POST /api/v1/counters/:id/call': { body: P.CallTicketRequest },
  'POST /api/v1/counters/:id/finish': { body: P.FinishRequest },
  'POST /api/v1/counters/:id/transfer': { body: P.TransferRequest },
  'POST /api/v1/counters/:id/resume': { body: P.ResumeParkedRequest },
  'PUT /api/v1/counters/:id/profile': { body: P.ProfileRequest },
  'POST /api/v1/tickets/:id/note': { body: P.TicketNoteRequest },
  'POST /api/v1/tickets/:id/service': { body: P.ChangeServiceRequest },
  'PUT /api/v1/announcement': { body: P.AnnouncementRequest },
  'PUT /api/v1/services/:id/stopped': { body: P.ServiceStopRequest },
  'GET /api/v1/tickets': { query: P.TicketPageQuery },
  'PUT /api/v1/admin/organisations/:id/may-help': { body: P.MayHelpRequest },
  'GET /api/v1/audit': { query: P.AuditQuery },
  'GET /api/v1/stats/summary': { query: P.StatsQuery },
  'GET /api/v1/stats/counters': { query: P.StatsQuery },
  'GET /api/v1/stats/daily': { query: P.StatsQuery },
  'GET /api/v1/stats/heatmap': { query: P.StatsQuery },
  'GET /api/v1/stats/estimates': { query: P.StatsQuery },
  'GET /api/v1/stats/visits': { query: P.VisitsQuery },
  'GET /api/v1/stats/live': { query: P.LiveQuery },
  'GET /api/v1/stats/feedback': { query: P.StatsQuery },
  'PUT /api/v1/admin/config': { body: P.HallConfig },
  'POST /api/v1/admin/services': { body: P.ServiceConfig, status: 201 },
  'PUT /api/v1/admin/services/:id': { body: P.ServiceConfig },
  'DELETE /api/v1/admin/services/:id': { status: 204 },
  'POST /api/v1/admin/counters': { body: P.CounterConfig, status: 201 },
  'PUT /api/v1/admin/counters/:id': { body: P.CounterConfig },
  'DELETE /api/v1/admin/counters/:id': { status: 204 },
  'POST /api/v1/admin/users': { body: P.CreateUserRequest, status: 201 },
  'PATCH /api/v1/admin/users/:id': { body: P.UpdateUserRequest },
  'POST /api/v1/admin/api-keys': { body: P.CreateApiKeyRequest, status: 201 },
  'POST /api/v1/admin/webhooks': { body: P.CreateWebhookRequest, status: 201 },
  'PATCH /api/v1/admin/webhooks/:id': { body: P.UpdateWebhookRequest },
  'DELETE /api/v1/admin/webhooks/:id': { status: 204 },
  'GET /api/v1/admin/webhooks/:id/deliveries': { query: P.DeliveryQuery },
  'GET /api/v1/speech': { produces: 'audio/wav' },
};

/** Each route of API_ROUTES as one method and path (`GET|POST` rows are split). */
export function documentedRoutes(): { method: string; path: string; access: string; what: string }[] {
  return API_ROUTES.flatMap(([methods, path, access, what]) => methods.split('|').map((method) => ({ method, path, access, what })));
}

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const ERROR_BODY: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(P.ERROR_STATUS) },
        message: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
};

function queryParameters(schema: z.ZodType): Json[] {
  const s = jsonSchema(schema);
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({ name, in: 'query', required: required.has(name) && p.default === undefined, schema: p }));
}

/** The OpenAPI 3.1 document; `serverUrl` is where the API is mounted as seen by the reader. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of documentedRoutes()) {
    const key = `${r.method} ${r.path}`;
    const spec = ROUTE_SCHEMAS[key] ?? {};
    const oaPath = r.path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}') || '/';
    const params: Json[] = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (spec.query) params.push(...queryParameters(spec.query));
    const status = String(spec.status ?? 200);
    const ok: Json =
      status === '204'
        ? { description: 'Done; no body.' }
        : { description: 'Success.', content: { [spec.produces ?? 'application/json']: { schema: spec.produces ? { type: 'string', format: 'binary' } : {} } } };
    const errors: Record<string, Json> = { '4XX': { description: 'The request was refused; the body says why.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } } };
    const op: Json = {
      operationId: `${r.method.toLowerCase()}${oaPath.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.what || `${r.method} ${oaPath}`,
      tags: [oaPath.split('/')[1] ?? 'api'],
      'x-access': r.access,
      ...(params.length ? { parameters: params } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
      responses: { [status]: ok, ...errors },
      ...(r.access === 'public' || r.access === 'visitor' ? {} : { security: [{ session: [] }, { apiKey: [] }] }),
    };
    (paths[oaPath] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vuoro API',
      version,
      description:
        'The HTTP API of a Vuoro hall. Staff routes take `Authorization: Bearer <session token>` from POST /session; ' +
        'integrations use API keys (`Bearer vuoro_…`), limited to the routes of their scopes. Times are epoch milliseconds. ' +
        'Realtime updates use Socket.IO at /socket.io (see `x-socketio`); webhooks deliver the event log signed in the Standard Webhooks style.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: { ErrorBody: ERROR_BODY },
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'A staff session token from POST /session (12 hours).' },
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'vuoro_…', description: `An API key; scopes: ${P.API_SCOPES.join(', ')}.` },
      },
    },
    'x-socketio': {
      path: '/socket.io',
      join: { event: 'hall:join', request: jsonSchema(P.JoinRequest) },
      description:
        'Emit hall:join with the role; the acknowledgement carries a snapshot. The server then pushes ticket:called, queue:changed, ' +
        'counter:changed, ticket:changed (staff), visitor:status (visitor), device:status, hall:announcement, hall:config and ' +
        'counter:taken-over, each with seq; a gap or a new epoch means: emit hall:snapshot. Payload types: server/src/protocol/events.ts.',
    },
  };
}

interface LayerLike {
  route?: { path?: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: unknown };
}

/**
 * Every method and path registered on an express router and the routers mounted inside it without a path (the way
 * app.ts composes /api/v1), for the contract test that holds the document to the server.
 */
export function registeredRoutes(router: { stack?: unknown }, prefix = '/api/v1'): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack = Array.isArray(router.stack) ? (router.stack as LayerLike[]) : [];
  for (const layer of stack) {
    if (layer.route && typeof layer.route.path === 'string') {
      for (const [m, on] of Object.entries(layer.route.methods ?? {})) {
        if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: layer.route.path === '/' ? prefix : prefix + layer.route.path });
      }
    } else if (layer.handle && Array.isArray(layer.handle.stack)) {
      out.push(...registeredRoutes(layer.handle as { stack: unknown }, prefix));
    }
  }
  return out;
}
