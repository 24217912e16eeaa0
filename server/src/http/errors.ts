import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError } from '../domain/index.js';
import { ERROR_STATUS, type ApiError, type ErrorBody } from '../protocol/index.js';

export function toApiError(err: unknown): ApiError {
  if (err instanceof DomainError) {
    return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  }
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return {
      code: 'validation_failed',
      message: `${where}${first?.message ?? 'the request is not valid'}`,
      details: { issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    };
  }
  return { code: 'internal', message: 'Something went wrong on the server. The problem was logged.' };
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function bodyParserError(err: unknown): ApiError | undefined {
  const type = (err as BodyParserError | null)?.type;
  if (type === 'entity.parse.failed') return { code: 'bad_request', message: 'The request body is not valid JSON.' };
  if (type === 'entity.too.large') return { code: 'payload_too_large', message: 'The request body is too large.' };
  if (typeof type === 'string' && type.startsWith('encoding.') || type === 'charset.unsupported') {
    return { code: 'bad_request', message: 'The request body encoding is not supported; send UTF-8 JSON.' };
  }
  return undefined;
}

/** The one place errors become answers: `{ "error": { "code", "message" } }`. A 500 is logged and never leaks. */
export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = bodyParserError(err) ?? toApiError(err);
    const status = ERROR_STATUS[error.code];
    if (status >= 500) log(`${req.method} ${req.originalUrl} failed`, err);
    if (res.headersSent) return;
    const body: ErrorBody = { error };
    res.status(status).json(body);
  };
}

export const notFound: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: 'not_found', message: `There is no ${req.method} ${req.path}.` } };
  res.status(404).json(body);
};
