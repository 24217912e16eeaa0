/**
 * CSV per RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted.
 * Every export goes through `csvField`, which also neutralises spreadsheet formulas (OWASP "CSV injection"): a text
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it
 * as text instead of running it. Numbers are written as numbers (a negative number is data, not a formula).
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would read as a formula, made plain text. */
export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'number'
      ? String(Number.isInteger(v) ? v : Math.round(v * 10_000) / 10_000)
      : typeof v === 'string'
        ? neutraliseFormula(v)
        : String(v);
  return /[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
