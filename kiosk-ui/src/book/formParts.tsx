import { useEffect, useRef, useState } from 'react';
import type { AppointmentView, Language } from '@vuoro/server/protocol';
import { pick } from '../status/text';
import type { StatusKey } from '../status/useCatalog';
import { BusyButton } from '../components/BusyButton.js';

/** The form parts of the booking and join pages: headings, error summary, radio questions, fields, summaries. */

export type T = (key: StatusKey, params?: Record<string, string | number>) => string;

/** The screen's heading: the page title, focused when the screen changes (a screen reader hears the new question). */
export function Titled({ title, screen }: { title: string; screen: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    ref.current?.focus();
  }, [screen]);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-title">
      {title}
    </h1>
  );
}

/** An optional reminder address: its label, the error beside it (GOV.UK style), the field marked invalid. */
export function ReminderField(props: { id: 'email' | 'phone'; type: 'email' | 'tel'; label: string; value: string; onChange(v: string): void; error: string | null }) {
  const { id, error } = props;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        type={props.type}
        autoComplete={id === 'email' ? 'email' : 'tel'}
        inputMode={id === 'email' ? 'email' : 'tel'}
        spellCheck={false}
        maxLength={id === 'email' ? 254 : 40}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={['reminder-hint', error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function ErrorSummary({ t, text, field }: { t: T; text: string; field: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [text]);
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 id="error-summary-title">{t('book.error.title')}</h2>
        <p>
          <a href={`#${field}`}>{text}</a>
        </p>
      </div>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string | undefined;
}

/** Radios as big choice rows, each with its label and an optional hint; `firstId` is given to the first radio. */
export function Choices({ name, firstId, choices, value, onChange }: { name: string; firstId?: string; choices: Choice[]; value: string | null; onChange(v: string): void }) {
  return (
    <ul className="choices">
      {choices.map((c, i) => (
        <li key={c.value}>
          <label className="choice">
            <input type="radio" name={name} value={c.value} id={i === 0 ? firstId : undefined} checked={value === c.value} onChange={() => onChange(c.value)} />
            <span>
              {c.label}
              {c.hint ? <span className="hint">{c.hint}</span> : null}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** One question: radios in a fieldset whose legend repeats the question, and Continue. */
export function Question(props: {
  t: T;
  id: string;
  title: string;
  hint?: string;
  choices: Choice[];
  value: string | null;
  error: string | null;
  busy?: boolean;
  onChange(v: string): void;
  onContinue(): void | Promise<void>;
}) {
  const { t, id, choices, value, error } = props;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void props.onContinue();
      }}
    >
      <fieldset id={id} aria-describedby={[props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined} className={error ? 'field-error' : undefined}>
        <legend className="visually-hidden">{props.title}</legend>
        {props.hint ? (
          <p className="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        {error ? (
          <p className="error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <Choices name={id} firstId={`${id}-first`} choices={choices} value={value} onChange={props.onChange} />
      </fieldset>
      <BusyButton type="submit" className="primary" busy={props.busy === true}>
        {t('book.continue')}
      </BusyButton>
    </form>
  );
}

export function CodeForm({ t, initial, error, onSubmit }: { t: T; initial: string; error: string | null; onSubmit(code: string): Promise<void> }) {
  const [code, setCode] = useState(initial);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(code);
      }}
    >
      <div className={error ? 'field field-error' : 'field'}>
        <label className="field-label" htmlFor="code">
          {t('book.manage.codeLabel')}
        </label>
        <p className="hint" id="code-hint">
          {t('book.manage.codeHint')}
        </p>
        {error ? (
          <p className="error" id="code-error">
            {error}
          </p>
        ) : null}
        <input
          id="code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          value={code}
          aria-describedby={error ? 'code-hint code-error' : 'code-hint'}
          onChange={(e) => setCode(e.target.value)}
        />
      </div>
      <button type="submit" className="primary">
        {t('book.continue')}
      </button>
    </form>
  );
}

export function Details({ a, t, lang, fallback }: { a: AppointmentView; t: T; lang: Language; fallback: Language }) {
  return (
    <dl className="summary">
      <dt>{t('book.field.service')}</dt>
      <dd>{pick(a.serviceName, lang, fallback)}</dd>
      <dt>{t('book.field.day')}</dt>
      <dd>{formatDay(a.date, lang)}</dd>
      <dt>{t('book.field.time')}</dt>
      <dd>{a.time}</dd>
      <dt>{t('book.field.state')}</dt>
      <dd>{t(`book.state.${a.state}` as StatusKey)}</dd>
    </dl>
  );
}

/** "Monday 16 March" in the reader's language (a local date, so no time zone shift). */
export function formatDay(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
}
