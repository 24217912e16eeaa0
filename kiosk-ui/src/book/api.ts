import type {
  AppointmentServiceView,
  AppointmentView,
  BookableDay,
  ErrorBody,
  HallInfo,
  Language,
  Organisation,
  SlotsView,
} from '@vuoro/server/protocol';

/** The booking page's calls to /api/v1 (types only from the protocol: a phone downloads no validation library). */

export type Answer<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  try {
    const res = await fetch(`/api/v1${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await res.json()) as T | ErrorBody;
    if (res.ok) return { ok: true, data: data as T };
    const err = (data as ErrorBody).error;
    return { ok: false, status: res.status, code: err.code, message: err.message };
  } catch {
    return { ok: false, status: 0, code: 'offline', message: '' };
  }
}

export interface HallAnswer {
  hall: HallInfo;
  organisations: Organisation[];
}

export const api = {
  hall: () => call<HallAnswer>('GET', '/hall'),
  services: () => call<AppointmentServiceView[]>('GET', '/appointments/services'),
  days: (serviceId: string) => call<BookableDay[]>('GET', `/appointments/days?serviceId=${encodeURIComponent(serviceId)}`),
  slots: (serviceId: string, date: string) =>
    call<SlotsView>('GET', `/appointments/slots?serviceId=${encodeURIComponent(serviceId)}&date=${encodeURIComponent(date)}`),
  book: (serviceId: string, at: number, name: string, language: Language) =>
    call<{ appointment: AppointmentView; managePath: string }>('POST', '/appointments', {
      serviceId,
      at,
      language,
      ...(name.trim() ? { name: name.trim() } : {}),
    }),
  get: (code: string) => call<AppointmentView>('GET', `/appointments/${encodeURIComponent(code)}`),
  cancel: (code: string) => call<AppointmentView>('POST', `/appointments/${encodeURIComponent(code)}/cancel`, {}),
  move: (code: string, at: number) => call<AppointmentView>('POST', `/appointments/${encodeURIComponent(code)}/move`, { at }),
};

export function calendarHref(code: string): string {
  return `/api/v1/appointments/${encodeURIComponent(code)}/calendar.ics`;
}
