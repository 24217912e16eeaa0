import { ZodError } from 'zod';
import { DomainError } from '../domain/index.js';
import type { ApiError } from '../protocol/index.js';

/** An error as clients see it (HTTP bodies, socket acknowledgements): DomainError and ZodError say what; the rest is "internal". */
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
