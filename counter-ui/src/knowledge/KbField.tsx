interface Props {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  multiline?: number;
  lang?: string;
  maxLength: number;
}

/** A labelled field with its inline error (govuk order: label, error, input), the error wired to the input. */
export function KbField({ id, label, value, onChange, error, multiline, lang, maxLength }: Props) {
  const common = {
    id,
    value,
    lang,
    maxLength,
    'aria-describedby': error ? `${id}-error` : undefined,
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={`${id}-error`} className="error-message">
          {error}
        </p>
      ) : null}
      {multiline ? (
        <textarea rows={multiline} {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type="text" autoComplete="off" {...common} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}
