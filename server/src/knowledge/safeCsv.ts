import { toCsv, type CsvValue } from '../stats/csv.js';

/**
 * CSV whose text cells cannot run as spreadsheet formulas: a text starting with =, +, -, @, a tab or a carriage
 * return gets a leading apostrophe (numbers stay numbers).
 */
export function neutraliseCell(v: CsvValue): CsvValue {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toSafeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return toCsv(header.map(neutraliseCell) as string[], rows.map((r) => r.map(neutraliseCell)));
}
