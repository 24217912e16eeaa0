import type { AuditEntryView } from '../protocol/index.js';
import { toCsv, type CsvValue } from '../stats/csv.js';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe,
 * so an exported audit log cannot carry a formula from an edited name or note into an auditor's spreadsheet.
 */
export function neutraliseFormula(v: CsvValue): CsvValue {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const COLUMNS = ['id', 'time', 'actor', 'actorRole', 'actorOrganisation', 'kind', 'target', 'before', 'after', 'from'] as const;

export function auditCsv(entries: readonly AuditEntryView[]): string {
  const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
  return toCsv(
    COLUMNS,
    entries.map((e) =>
      [e.id, new Date(e.at).toISOString(), e.actor, e.actorRole, e.actorOrganisationId, e.kind, e.target, json(e.before), json(e.after), e.sourceIp].map(
        neutraliseFormula,
      ),
    ),
  );
}
