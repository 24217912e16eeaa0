import { described, FieldError, type FieldErrors } from './formErrors.js';

interface Props {
  id: string;
  value: string;
  onChange(v: string): void;
  errors: FieldErrors;
  labels: Record<string, string>;
  hint?: string;
  /** Another element's id that describes this field (a shared hint). */
  describedBy?: string;
  multiline?: boolean;
  lang?: string;
  width?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  type?: 'text' | 'password';
}

/** A labelled text input with its hint and its inline error (govuk order: label, hint, error, input). */
export function TextField({ id, value, onChange, errors, labels, hint, describedBy, multiline, lang, width, inputMode, type = 'text' }: Props) {
  const hintId = hint ? `${id}-hint` : describedBy;
  const props = {
    id,
    value,
    lang,
    ...described(id, errors, hintId),
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`field${errors[id] ? ' field--error' : ''}`}>
      <label htmlFor={id}>{labels[id] ?? id}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} />
      {multiline ? (
        <textarea rows={3} {...props} />
      ) : (
        <input type={type} inputMode={inputMode} autoComplete="off" style={width ? { width } : undefined} {...props} />
      )}
    </div>
  );
}
