import { useEffect, useRef } from 'react';
import { LANGUAGES, type Language } from '@vuoro/server/protocol';
import { translate, type MessageKey } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';

interface Props {
  lang: Language;
  /** The reason in the heading; every language follows below it. */
  titleKey?: MessageKey;
  bodyKey?: MessageKey;
}

/** "Temporarily out of service, please ask staff" in every language; the kiosk recovers by itself. */
export function OutOfService({ lang, titleKey = 'outOfService.title', bodyKey = 'outOfService.body' }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = translate(lang, titleKey);
    heading.current?.focus();
  }, [lang, titleKey]);
  const others = LANGUAGES.filter((l) => l !== lang);
  return (
    <main className="out-of-service" id="main">
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: 'speech.outOfService' })}>
        {translate(lang, titleKey)}
      </h1>
      <p className="lead">{translate(lang, bodyKey)}</p>
      <ul className="all-languages">
        {others.map((l) => (
          <li key={l} lang={l}>
            <strong>{translate(l, titleKey)}</strong> {translate(l, bodyKey)}
          </li>
        ))}
      </ul>
    </main>
  );
}
