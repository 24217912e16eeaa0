import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';

/** A failed action, govuk style: a summary whose inner element is an alert, focused once when it appears. */
export function ErrorSummary({ message, onDismiss, target }: { message: string | null; onDismiss?: () => void; target?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 id="error-summary-title" className="error-summary__title">
          {t('error.title')}
        </h2>
        {target ? (
          <ul className="error-summary__list">
            <li>
              <a
                href={`#${target}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(target)?.focus();
                }}
              >
                {message}
              </a>
            </li>
          </ul>
        ) : (
          <p className="error-summary__body">{message}</p>
        )}
      </div>
      {onDismiss ? (
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
