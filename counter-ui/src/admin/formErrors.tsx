import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ApiFailure } from '../api/client.js';

/** Field id → message. The key `''` holds a message that belongs to no single field. */
export type FieldErrors = Record<string, string>;

/**
 * Maps the server's validation issues (`details.issues[].path`, e.g. `prefix`, `name.fi`, `hours.mon.0.open`) to the
 * form's field ids with `fieldOf`; the first message per field wins. Other failures become a form-level message.
 */
export function errorsFrom(err: unknown, fieldOf: (path: string) => string | null, fallback: string): FieldErrors {
  if (!(err instanceof ApiFailure)) return { '': fallback };
  const out: FieldErrors = {};
  for (const issue of err.issues) {
    const id = fieldOf(issue.path) ?? '';
    out[id] ??= id === '' && issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  }
  if (Object.keys(out).length === 0) out[''] = err.code === 'network' ? fallback : err.message;
  return out;
}

interface SummaryProps {
  errors: FieldErrors;
  /** Field id → its label, for the links of the summary. */
  labels: Record<string, string>;
  idPrefix: string;
}

/** govuk error summary: an alert listing each problem, linked to its field; focused once when it appears. */
export function FormErrorSummary({ errors, labels, idPrefix }: SummaryProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [errors, count]);
  if (count === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby={`${idPrefix}-error-title`} data-testid={`${idPrefix}-errors`}>
      <div role="alert">
        <h2 id={`${idPrefix}-error-title`} className="error-summary__title">
          {t('error.title')}
        </h2>
        <ul className="error-summary__list">
          {entries.map(([id, message]) =>
            id === '' ? (
              <li key="form">{message}</li>
            ) : (
              <li key={id}>
                <a href={`#${id}`} onClick={(e) => (e.preventDefault(), document.getElementById(id)?.focus())}>
                  {labels[id] ? `${labels[id]}: ` : ''}
                  {message}
                </a>
              </li>
            ),
          )}
        </ul>
      </div>
    </div>
  );
}

/** The inline message under a label, wired to the input with aria-describedby (`<id>-error`). */
export function FieldError({ id, errors }: { id: string; errors: FieldErrors }) {
  const { t } = useI18n();
  const message = errors[id];
  if (!message) return null;
  return (
    <p className="error-message" id={`${id}-error`} data-testid={`${id}-error`}>
      <span className="visually-hidden">{t('error.prefix')} </span>
      {message}
    </p>
  );
}

/** Props for an input with a possible error: the error state and the description ids. */
export function described(id: string, errors: FieldErrors, hint?: string): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const ids = [hint, errors[id] ? `${id}-error` : undefined].filter((x): x is string => x !== undefined);
  return { ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}), ...(errors[id] ? { 'aria-invalid': true as const } : {}) };
}
