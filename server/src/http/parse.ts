import type { Request } from 'express';
import type { z } from 'zod';
import { DomainError } from '../domain/index.js';

/** Validates the JSON body; an absent body counts as `{}`. */
export function body<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse(req.body ?? {});
}

export function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw new DomainError('bad_request', `Missing or bad "${name}".`);
  return v;
}

export function idParam(req: Request, name: string): number {
  const raw = param(req, name);
  const n = Number(raw);
  if (!/^\d{1,12}$/.test(raw) || !Number.isSafeInteger(n) || n <= 0) throw new DomainError('not_found', `There is nothing with id "${raw}".`);
  return n;
}
