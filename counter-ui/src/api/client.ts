import type { ErrorBody, ErrorCode, RouteBody, RouteResponse } from '@vuoro/server/protocol';
import {
  centralPath,
  CENTRAL_ROUTES,
  path,
  ROUTES,
  type CentralBody,
  type CentralPathParams,
  type CentralQuery,
  type CentralResponse,
  type CentralRouteKey,
  type PathParams,
  type QueryValue,
  type RouteKey,
} from '@vuoro/server/protocol/client';

/** A failed request: the server's error code, or `network` when the server could not be reached. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    /** Validation problems by field path (`prefix`, `name.en`, `services.0.prefix`), when the server named them. */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

function issuesOf(details: Record<string, unknown> | undefined): FieldIssue[] {
  const list = details?.issues;
  if (!Array.isArray(list)) return [];
  return list.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return [];
    const { path, message } = i as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/**
 * A body made of what a person typed or a file they chose, sent as it is: the server validates it and answers 422
 * naming the fields, which the form shows. Typed bodies are checked against the route's request schema instead.
 */
export class RawBody {
  constructor(readonly value: unknown) {}
}

/** What a call of route `K` takes: its path parameters (when it has any), a query and its body (when it takes one). */
export type CallOptions<K extends RouteKey> = (keyof PathParams<K> extends never ? { params?: PathParams<K> } : { params: PathParams<K> }) & {
  query?: Readonly<Record<string, QueryValue>>;
} & (RouteBody<K> extends undefined ? { body?: undefined } : { body: RouteBody<K> | RawBody });

/**
 * Calls the route `key` of the route table with the staff token and answers its typed result; throws `ApiFailure` on
 * any failure. The path comes from the table (`path(key, params, query)`), never from a string written here.
 */
export function api<K extends RouteKey>(key: K, token: string | null, ...[options]: keyof PathParams<K> extends never ? (RouteBody<K> extends undefined ? [CallOptions<K>?] : [CallOptions<K>]) : [CallOptions<K>]): Promise<RouteResponse<K>> {
  const o = (options ?? {}) as { params?: PathParams<K>; query?: Readonly<Record<string, QueryValue>>; body?: unknown };
  const body = o.body instanceof RawBody ? o.body.value : o.body;
  return send<RouteResponse<K>>(ROUTES[key].method, path(key, o.params ?? ({} as PathParams<K>), o.query), token, body);
}

/** What a call of central route `K` takes: its path parameters (when it has any), its query and its body. */
export type CentralCallOptions<K extends CentralRouteKey> = (keyof CentralPathParams<K> extends never ? { params?: CentralPathParams<K> } : { params: CentralPathParams<K> }) &
  (CentralQuery<K> extends undefined ? { query?: undefined } : { query?: CentralQuery<K> }) &
  (CentralBody<K> extends undefined ? { body?: undefined } : { body: CentralBody<K> | RawBody });

/**
 * Calls the route `key` of the central server's route table (the back office served by VUORO_MODE=central) and
 * answers its typed result; throws `ApiFailure` on any failure.
 */
export function centralApi<K extends CentralRouteKey>(
  key: K,
  token: string | null,
  ...[options]: keyof CentralPathParams<K> extends never ? (CentralBody<K> extends undefined ? [CentralCallOptions<K>?] : [CentralCallOptions<K>]) : [CentralCallOptions<K>]
): Promise<CentralResponse<K>> {
  const o = (options ?? {}) as { params?: CentralPathParams<K>; query?: Readonly<Record<string, QueryValue>>; body?: unknown };
  const body = o.body instanceof RawBody ? o.body.value : o.body;
  return send<CentralResponse<K>>(CENTRAL_ROUTES[key].method, centralPath(key, o.params ?? ({} as CentralPathParams<K>), o.query), token, body);
}

async function send<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiFailure(0, 'network', 'The server cannot be reached.');
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    if (isErrorBody(parsed)) throw new ApiFailure(res.status, parsed.error.code, parsed.error.message, issuesOf(parsed.error.details));
    throw new ApiFailure(res.status, res.status >= 500 ? 'internal' : 'bad_request', `The server answered ${res.status}.`);
  }
  return parsed as T;
}
