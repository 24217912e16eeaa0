import type { ErrorBody, HallInfo, Language, Organisation, RouteBody, RouteResponse } from '@vuoro/server/protocol';
import { path, ROUTES, type PathParams, type QueryValue, type RouteKey } from '@vuoro/server/protocol/client';

/** The booking page's calls to /api/v1 (types only from the protocol: a phone downloads no validation library). */

export type Answer<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string; field?: string };

async function call<T>(method: string, url: string, body?: unknown): Promise<Answer<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await res.json()) as T | ErrorBody;
    if (res.ok) return { ok: true, data: data as T };
    const err = (data as ErrorBody).error;
    const field = err.details?.['field'];
    return { ok: false, status: res.status, code: err.code, message: err.message, ...(typeof field === 'string' ? { field } : {}) };
  } catch {
    return { ok: false, status: 0, code: 'offline', message: '' };
  }
}

/** Calls a route of the route table; the answer is typed by the route's schema. */
function route<K extends RouteKey>(key: K, params: PathParams<K>, query?: Readonly<Record<string, QueryValue>>, body?: RouteBody<K>): Promise<Answer<RouteResponse<K>>> {
  return call<RouteResponse<K>>(ROUTES[key].method, path(key, params, query), body);
}

export interface HallAnswer {
  hall: HallInfo;
  organisations: Organisation[];
}

export const api = {
  hall: () => route('hall', {}),
  services: () => route('appointmentServices', {}),
  days: (serviceId: string) => route('appointmentDays', {}, { serviceId }),
  slots: (serviceId: string, date: string) => route('appointmentSlots', {}, { serviceId, date }),
  book: (serviceId: string, at: number, name: string, language: Language, reminder: { email: string; phone: string }) =>
    route('book', {}, undefined, {
      serviceId,
      at,
      language,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(reminder.email.trim() ? { email: reminder.email.trim() } : {}),
      ...(reminder.phone.trim() ? { phone: reminder.phone.trim() } : {}),
    }),
  get: (code: string) => route('appointment', { code }),
  cancel: (code: string) => route('cancelAppointment', { code }, undefined, {}),
  move: (code: string, at: number) => route('moveAppointment', { code }, undefined, { at }),
};

export const remoteApi = {
  services: () => route('remoteServices', {}),
  join: (serviceId: string, language: Language) => route('remoteJoin', {}, undefined, { serviceId, language }),
};

export function calendarHref(code: string): string {
  return path('appointmentCalendar', { code });
}
