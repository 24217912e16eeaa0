import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { useTitle } from '../hooks/useTitle.js';

/** A screen the signed-in role may not use: says so plainly and offers the way back. */
export function NotAllowed({ titleKey, messageKey }: { titleKey: MessageKey; messageKey: MessageKey }) {
  const { t } = useI18n();
  useTitle(t(titleKey));
  return (
    <main id="main">
      <h1>{t(titleKey)}</h1>
      <div className="notice notice--important" data-testid="not-allowed">
        <p>{t(messageKey)}</p>
      </div>
      <p>
        <a href="#/">{t('sup.back')}</a>
      </p>
    </main>
  );
}
