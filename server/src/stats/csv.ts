/** CSV per RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted. */

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' && !Number.isInteger(v) ? String(Math.round(v * 10_000) / 10_000) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Flattens objects of plain values into CSV with the given columns, in order. */
export function objectsToCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return toCsv(columns, rows.map((r) => columns.map((c) => flatten(r[c]))));
}

function flatten(v: unknown): CsvValue {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
