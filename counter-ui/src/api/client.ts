import type { ErrorBody, ErrorCode } from '@vuoro/server/protocol';

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

export const BASE = '/api/v1';

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

/** Calls the HTTP API with the staff token; throws `ApiFailure` on any failure. */
export async function request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(BASE + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
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
