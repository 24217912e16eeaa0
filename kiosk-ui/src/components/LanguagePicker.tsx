import { LANGUAGE_AUTONYMS, type Language } from '@vuoro/server/protocol';
import { translate } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';

interface Props {
  languages: readonly Language[];
  current: Language;
  onChange(lang: Language): void;
}

/** Each language named in itself; the chosen one is marked by a border and a tick, not by colour alone. */
export function LanguagePicker({ languages, current, onChange }: Props) {
  return (
    <nav className="languages" aria-label={translate(current, 'common.language')}>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <button
              type="button"
              lang={l}
              className="language"
              aria-pressed={l === current}
              onClick={() => onChange(l)}
              {...speakAttr({ key: 'speech.languageOption', lang: l })}
            >
              {l === current ? <span aria-hidden="true">✓ </span> : null}
              {LANGUAGE_AUTONYMS[l]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
