import { WEEKDAYS, type Language, type LocalizedText, type ServiceConfig, type Weekday } from '@vuoro/server/protocol';

/** A service as the form holds it: text everywhere, converted to the API's shape on save. */
export interface ServiceDraft {
  id: string;
  organisationId: string;
  prefix: string;
  name: Partial<Record<Language, string>>;
  prepare: Partial<Record<Language, string>>;
  priorityWeight: string;
  targetMinutes: string;
  cutoffMinutes: string;
  dailyCap: string;
  /** false: the hall's hours apply. */
  ownHours: boolean;
  /** Per weekday, "08:00-12:00, 13:00-16:00"; empty is closed. */
  hours: Record<Weekday, string>;
  /** One closure per line: "2026-12-24 Christmas Eve". */
  closures: string;
  /** The central catalogue entry the service follows; empty: none. */
  catalogueId: string;
}

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

export function draftOf(s: ServiceConfig | null): ServiceDraft {
  const hours = Object.fromEntries(
    WEEKDAYS.map((d) => [d, (s?.hours?.[d] ?? []).map((span) => `${span.open}-${span.close}`).join(', ')]),
  ) as Record<Weekday, string>;
  return {
    id: s?.id ?? '',
    organisationId: s?.organisationId ?? '',
    prefix: s?.prefix ?? '',
    name: { ...s?.name },
    prepare: { ...s?.prepare },
    priorityWeight: num(s?.priorityWeight ?? 1),
    targetMinutes: num(s?.targetMinutes ?? 15),
    cutoffMinutes: num(s?.cutoffMinutes ?? 0),
    dailyCap: num(s?.dailyCap),
    ownHours: s?.hours !== undefined,
    hours,
    closures: (s?.closures ?? []).map((c) => `${c.date}${c.reason ? ` ${Object.values(c.reason)[0] ?? ''}` : ''}`.trim()).join('\n'),
    catalogueId: s?.catalogue?.id ?? '',
  };
}

function texts(t: Partial<Record<Language, string>>): LocalizedText {
  return Object.fromEntries(Object.entries(t).map(([l, v]) => [l, (v ?? '').trim()]).filter(([, v]) => v !== '')) as LocalizedText;
}

/** A number field: empty stays absent so the server's default or "none" applies; anything else goes as typed. */
function numberOf(v: string): number | undefined {
  const s = v.trim();
  return s === '' ? undefined : Number(s);
}

/**
 * The draft as the body of PUT/POST /admin/services. Fields the form does not show (category, default visit
 * length) are kept from `base`. Malformed hours or dates are sent as typed so the server names the wrong field.
 */
export function serviceOf(d: ServiceDraft, base: ServiceConfig | null, defaultLanguage: Language): Record<string, unknown> {
  const prepare = texts(d.prepare);
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      d.hours[day]
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '')
        .map((span) => {
          const [open = '', close = ''] = span.split(/\s*[-–]\s*/);
          return { open, close };
        }),
    ]),
  );
  const closures = d.closures
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [date = '', ...rest] = l.split(/\s+/);
      const reason = rest.join(' ');
      return reason ? { date, reason: { [defaultLanguage]: reason } } : { date };
    });
  const out: Record<string, unknown> = {
    ...(base ?? {}),
    id: d.id.trim(),
    prefix: d.prefix.trim(),
    name: texts(d.name),
    priorityWeight: numberOf(d.priorityWeight),
    targetMinutes: numberOf(d.targetMinutes),
    cutoffMinutes: numberOf(d.cutoffMinutes),
    dailyCap: numberOf(d.dailyCap),
    closures,
  };
  if (d.organisationId) out.organisationId = d.organisationId;
  else delete out.organisationId;
  if (Object.keys(prepare).length > 0) out.prepare = prepare;
  else delete out.prepare;
  if (d.ownHours) out.hours = hours;
  else delete out.hours;
  for (const k of ['priorityWeight', 'targetMinutes', 'cutoffMinutes', 'dailyCap']) if (out[k] === undefined) delete out[k];
  const catalogueId = d.catalogueId.trim();
  // Keep the applied version while the entry stays the same; a new entry starts at 0 (central sends its latest).
  if (catalogueId) out.catalogue = { id: catalogueId, version: base?.catalogue?.id === catalogueId ? base.catalogue.version : 0 };
  else delete out.catalogue;
  return out;
}

/** Server issue path → the form field it belongs to. */
export function serviceFieldOf(path: string): string | null {
  const [head, second] = path.split('.');
  switch (head) {
    case 'id':
    case 'prefix':
    case 'organisationId':
    case 'priorityWeight':
    case 'targetMinutes':
    case 'cutoffMinutes':
    case 'dailyCap':
    case 'closures':
      return `svc-${head}`;
    case 'catalogue':
      return 'svc-catalogue';
    case 'name':
    case 'prepare':
      return second ? `svc-${head}-${second}` : `svc-${head}-en`;
    case 'hours':
      return second ? `svc-hours-${second}` : 'svc-ownHours';
    default:
      return null;
  }
}
