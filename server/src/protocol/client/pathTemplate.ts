/**
 * Path templates with `:name` parameters (`/api/v1/counters/:id/open`), filled in with their values URL-encoded and a
 * query string appended: what both route tables (the hall's `routes.ts`, the central server's `centralRoutes.ts`)
 * build their request paths with. Zod-free.
 */

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The parameters of a path template, by name: `{ id: 'c1' }` for `/counters/:id/open`; `{}` when it has none. */
export type ParamsOf<P extends string> = { [N in ParamNames<P>]: string | number };

export type QueryValue = string | number | boolean | null | undefined;

/** A path template (`/api/v1/x/:id`) with its parameters filled in and the query appended; `key` names it in errors. */
export function fillPath(key: string, template: string, params: object, query?: Readonly<Record<string, QueryValue>>): string {
  const values = params as Record<string, string | number>;
  const filled = template.replace(/:(\w+)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') throw new Error(`path("${key}"): the parameter "${name}" is missing.`);
    return encodeURIComponent(String(v));
  });
  const q = queryString(query);
  return q ? `${filled}?${q}` : filled;
}

/** `a=1&b=x` from the entries that have a value. */
export function queryString(query?: Readonly<Record<string, QueryValue>>): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}
