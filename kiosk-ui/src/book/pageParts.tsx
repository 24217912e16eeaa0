import { useEffect, useState } from 'react';
import type { Language } from '@vuoro/server/protocol';
import { autonym } from '../status/text';
import { api, type Answer, type HallAnswer } from './api';
import type { T } from './formParts';

/** What the booking page (`/book`) and the join page (`/join`) share: loading the hall, the language list, the
 * screens shown while loading or when the hall cannot be reached. */

/** The hall and the page's services, loaded once; `failed` when either could not be had. */
export function useHallAndServices<S>(loadServices: () => Promise<Answer<S[]>>): { hall: HallAnswer | null; services: S[] | null; failed: boolean } {
  const [hall, setHall] = useState<HallAnswer | null>(null);
  const [services, setServices] = useState<S[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void Promise.all([api.hall(), loadServices()]).then(([h, s]) => {
      if (h.ok && s.ok) {
        setHall(h.data);
        setServices(s.data);
      } else setFailed(true);
    });
    // Loads once, when the page opens.
  }, []);
  return { hall, services, failed };
}

/** Keeps the document's language the page's language. */
export function useDocumentLanguage(lang: Language): void {
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}

/** The page before it can show anything: busy while loading; "not available, try later" when loading failed. */
export function NotReady({ t, failed }: { t: T | null; failed: boolean }) {
  if (!t || !failed) return <main className="status book" aria-busy="true" />;
  return (
    <main className="status book">
      <h1>{t('book.unavailable')}</h1>
      <p>{t('book.tryLater')}</p>
    </main>
  );
}

/** The hall's languages, each by its own name; the current one pressed. */
export function LanguageNav({ t, languages, current, onLanguage }: { t: T; languages: readonly Language[]; current: Language; onLanguage(lang: Language): void }) {
  return (
    <nav aria-label={t('common.language')} className="languages">
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <button type="button" lang={l} aria-pressed={l === current} onClick={() => onLanguage(l)}>
              {autonym(l)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
