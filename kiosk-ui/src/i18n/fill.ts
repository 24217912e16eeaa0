export type Params = Readonly<Record<string, string | number>>;

/** Replaces each `{name}` in a catalog text; unknown names stay visible rather than vanish. */
export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}
