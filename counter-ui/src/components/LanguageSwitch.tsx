import { LANGUAGE_AUTONYMS, LANGUAGES, type Language } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';

/** The staff member's UI language, each named in itself. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="language-switch">
      <label htmlFor="ui-language">{t('app.language')}</label>
      <select id="ui-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_AUTONYMS[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
