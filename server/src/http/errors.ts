import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../domain/index.js';
import { toApiError } from '../services/apiError.js';
import { ERROR_STATUS, type ApiError, type ErrorBody } from '../protocol/index.js';

interface HttpError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * Errors of the request itself, raised before a route runs: body parsing (malformed JSON, a compressed body that
 * does not decompress, an unknown charset or encoding, too large) and path decoding (a malformed percent-encoding).
 * They are the client's fault, so they are answers (4xx), never logged as server faults.
 */
function requestError(err: unknown): ApiError | undefined {
  const e = (err ?? {}) as HttpError;
  const type = e.type;
  if (type === 'entity.parse.failed') return { code: 'bad_request', message: 'The request body is not valid JSON.' };
  if (type === 'entity.too.large') return { code: 'payload_too_large', message: 'The request body is too large.' };
  if ((typeof type === 'string' && type.startsWith('encoding.')) || type === 'charset.unsupported') {
    return { code: 'bad_request', message: 'The request body encoding is not supported; send UTF-8 JSON, plain or correctly compressed.' };
  }
  if (err instanceof URIError) return { code: 'bad_request', message: 'The address contains a malformed percent-encoding.' };
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return { code: 'not_found', message: 'There is no such resource.' };
    if (status === 413) return { code: 'payload_too_large', message: 'The request body is too large.' };
    return { code: 'bad_request', message: 'The request could not be read (a body that does not match its Content-Encoding, or a malformed address).' };
  }
  return undefined;
}

const REPORTED_ELSEWHERE: ReadonlySet<string> = new Set(['storage_unavailable', 'speech_unavailable', 'directory_unavailable']);

/** What the error handler asks of the database file's state (the store's StorageState): is this error a storage fault? */
export interface StorageFaults {
  noteError(err: unknown): { message: string } | undefined;
}

/** The one place errors become answers: `{ "error": { "code", "message" } }`. A 500 is logged and never leaks. */

export function errorHandler(log: (msg: string, err: unknown) => void, storage?: StorageFaults): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // A full disk, a deleted or damaged database: one clear log line (StorageState) and a 503 that says why.
    const storageProblem = err instanceof DomainError ? undefined : storage?.noteError(err);
    const error: ApiError = storageProblem
      ? { code: 'storage_unavailable', message: storageProblem.message }
      : err instanceof DomainError
        ? toApiError(err)
        : (requestError(err) ?? toApiError(err));
    const status = ERROR_STATUS[error.code];
    // Storage, speech and directory problems are reported by their owners (not with a stack trace per request, which a
    // flood would multiply); every other server fault is logged here.
    if (status >= 500 && !REPORTED_ELSEWHERE.has(error.code)) log(`${req.method} ${req.originalUrl} failed`, err);
    if (res.headersSent) return;
    // A refusal that knows when to come back says so in the standard header too (sign-in locks, rates).
    const retry = error.details?.retryAfterSeconds;
    if ((status === 429 || status === 503) && typeof retry === 'number' && retry > 0 && !res.getHeader('Retry-After')) {
      res.setHeader('Retry-After', String(Math.ceil(retry)));
    }
    const body: ErrorBody = { error };
    res.status(status).json(body);
  };
}

export const notFound: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: 'not_found', message: `There is no ${req.method} ${req.path}.` } };
  res.status(404).json(body);
};
