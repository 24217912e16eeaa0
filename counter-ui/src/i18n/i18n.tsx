import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, type Language } from '@vuoro/server/protocol';
import { fill } from '@vuoro/server/protocol/client';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';
import de from './de.json';
import nl from './nl.json';
import fr from './fr.json';

export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const CATALOGS: Record<Language, Catalog> = { en, fi, sv, de, nl, fr };
const KEY = 'vuoro.counter.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(KEY);
  return LANGUAGES.find((l) => l === saved) ?? 'en';
}

/** Fills a catalog text's `{placeholders}` (the screens' shared rule: unknown ones stay visible). */
export function format(template: string, vars: Vars = {}): string {
  return fill(template, vars);
}

interface I18n {
  language: Language;
  setLanguage(l: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** The staff member's own UI language (independent of the visitors' ticket languages). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(KEY, l);
    setLanguageState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    const catalog = CATALOGS[language];
    return { language, setLanguage, t: (key, vars) => format(catalog[key] ?? en[key], vars) };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n needs an I18nProvider');
  return v;
}
