import { useEffect, useState } from 'react';
import type en from '../i18n/en.json';
import { fill, type Params } from '@vuoro/server/protocol/client';

export type StatusKey = keyof typeof en;
type Catalog = Readonly<Record<string, string>>;

/** One language's catalog at a time, loaded on demand: a phone downloads only what it shows. */
const loaders = import.meta.glob<Catalog>('../i18n/*.json', { import: 'default' });

export function useCatalog(lang: string): ((key: StatusKey, params?: Params) => string) | null {
  const [catalog, setCatalog] = useState<{ lang: string; entries: Catalog } | null>(null);
  useEffect(() => {
    const load = loaders[`../i18n/${lang}.json`] ?? loaders['../i18n/en.json'];
    let live = true;
    void load?.().then((entries) => {
      if (live) setCatalog({ lang, entries });
    });
    return () => {
      live = false;
    };
  }, [lang]);
  if (!catalog) return null;
  return (key, params = {}) => fill(catalog.entries[key] ?? key, params);
}
