import { z } from 'zod';
import * as P from '../protocol/index.js';
import { errorStatuses, okStatuses, type RouteDef } from '../protocol/client/routeDef.js';
import { ROUTES, ROUTE_KEYS, type RouteKey } from '../protocol/client/routes.js';
import { ROUTE_SCHEMAS, type AnswerSchema, type RouteSchema } from '../protocol/routeSchemas.js';

/**
 * The OpenAPI 3.1 document of /api/v1, built from the route table (`protocol/client/routes.ts`: method, path, access,
 * scope, summary, statuses) and the route schemas (`protocol/routeSchemas.ts`: request body and query, the answer of
 * every status) with zod's own `toJSONSchema` (draft 2020-12, which OpenAPI 3.1 uses as is; no extra library).
 * Answers are described in zod's output mode: an answer with a property the schema does not name is refused by a
 * validator (`additionalProperties: false`), so the contract tests notice a field leaking out.
 */

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ERROR_BODY: Json = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', enum: Object.keys(P.ERROR_STATUS) },
        message: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
};

const ERROR_DESCRIPTION: Readonly<Record<number, string>> = {
  400: 'Bad request: the body is not JSON, or a parameter is malformed.',
  401: 'Not signed in, the session expired, or the API key is unknown, revoked or expired.',
  403: 'Signed in, but the role, organisation or API key scope does not allow this.',
  404: 'Nothing with that id or token.',
  409: 'Not possible in the current state (the error code says why).',
  413: 'The body is too large.',
  422: 'The body or query does not validate (details name the fields).',
  429: 'Too many requests; see Retry-After.',
  503: 'The database (or the needed service) is not available now.',
};

function queryParameters(schema: z.ZodType): Json[] {
  const s = jsonSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({ name, in: 'query', required: required.has(name) && p.default === undefined, schema: p }));
}

/** The OpenAPI path of a route: `/counters/{id}/open` (the server URL carries /api/v1). */
export function openApiPath(def: RouteDef): string {
  return def.path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}') || '/';
}

function answer(a: AnswerSchema, description: string, csv: boolean): Json {
  if (a === 'empty') return { description };
  if ('media' in a) return { description, content: { [a.media]: { schema: { type: 'string', contentEncoding: 'binary' } } } };
  const content: Json = { 'application/json': { schema: jsonSchema(a, 'output') } };
  if (csv) content['text/csv'] = { schema: { type: 'string' } };
  return { description, content };
}

function operation(key: RouteKey): Json {
  const def: RouteDef = ROUTES[key];
  const spec: RouteSchema = ROUTE_SCHEMAS[key];
  const params: Json[] = [...def.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (spec.query) params.push(...queryParameters(spec.query));
  const responses: Record<string, Json> = {};
  for (const status of okStatuses(def)) {
    const a = spec.responses[status];
    if (a === undefined) throw new Error(`${key}: no answer schema for its success status ${status}`);
    responses[String(status)] = answer(a, status === 204 ? 'Done; no body.' : 'Success.', spec.csv === true);
  }
  for (const status of errorStatuses(def, { body: spec.body !== undefined, query: spec.query !== undefined })) {
    const own = spec.responses[status];
    responses[String(status)] = own
      ? answer(own, ERROR_DESCRIPTION[status] ?? 'Refused.', false)
      : { description: ERROR_DESCRIPTION[status] ?? 'Refused.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
  }
  const oaPath = openApiPath(def);
  return {
    operationId: key,
    summary: def.summary,
    tags: [oaPath.split('/')[1] || 'api'],
    'x-access': def.access,
    ...(def.scope ? { 'x-scope': def.scope } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
    responses,
    ...(def.access === 'public' || def.access === 'visitor' ? {} : { security: [{ session: [] }, { apiKey: [] }] }),
  };
}

/** The OpenAPI 3.1 document. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const key of ROUTE_KEYS) {
    const def: RouteDef = ROUTES[key];
    (paths[openApiPath(def)] ??= {})[def.method.toLowerCase()] = operation(key);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vuoro API',
      version,
      description:
        'The HTTP API of a Vuoro hall. Staff routes take `Authorization: Bearer <session token>` from POST /session; ' +
        'integrations use API keys (`Bearer vuoro_…`), limited to the routes of their scopes (`x-scope`). Times are epoch milliseconds. ' +
        'Realtime updates use Socket.IO at /socket.io: its events are described by the AsyncAPI document at /api/v1/asyncapi.json. ' +
        'Webhooks deliver the event log signed in the Standard Webhooks style.',
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
  };
}
