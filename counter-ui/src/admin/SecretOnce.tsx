import { useI18n } from '../i18n/i18n.js';

/** A new secret, shown once with what it is for, until the admin says they have kept it. */
export function SecretOnce({ testId, text, secret, onDone }: { testId: string; text: string; secret: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div className="notice secret" role="status" data-testid={testId}>
      <p>{text}</p>
      <p>
        <code>{secret}</code>
      </p>
      <button type="button" className="button button--small button--secondary" onClick={onDone}>
        {t('integrations.secretDone')}
      </button>
    </div>
  );
}
