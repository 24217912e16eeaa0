import { useEffect, useRef, useState } from 'react';
import type { SearchResultView } from '@vuoro/server/protocol';
import { ApiFailure } from '../api/client.js';
import { knowledgeApi } from './knowledgeApi.js';

/** Results follow typing after this pause. */
export const SEARCH_DEBOUNCE_MS = 250;
/** A query left unchanged this long is the one staff settled on: it counts in the figures. */
export const SEARCH_SETTLED_MS = 1_500;

export interface KnowledgeSearch {
  result: SearchResultView | null;
  pending: boolean;
  error: string | null;
}

/** Searches as staff type (debounced); an answer to an older query never replaces a newer one. */
export function useKnowledgeSearch(token: string, query: string, serviceId: string | undefined, onExpired: () => void): KnowledgeSearch {
  const [state, setState] = useState<KnowledgeSearch>({ result: null, pending: false, error: null });
  const seq = useRef(0);
  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (q === '') {
      setState({ result: null, pending: false, error: null });
      return undefined;
    }
    setState((s) => ({ ...s, pending: true }));
    const run = (record: boolean) =>
      knowledgeApi.search(token, q, serviceId, record).then(
        (result) => {
          if (mine === seq.current) setState({ result, pending: false, error: null });
        },
        (err: unknown) => {
          if (mine !== seq.current) return;
          if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
          setState({ result: null, pending: false, error: err instanceof Error ? err.message : String(err) });
        },
      );
    const soon = window.setTimeout(() => void run(false), SEARCH_DEBOUNCE_MS);
    const settled = window.setTimeout(() => void run(true), SEARCH_SETTLED_MS);
    return () => {
      window.clearTimeout(soon);
      window.clearTimeout(settled);
    };
  }, [token, query, serviceId, onExpired]);
  return state;
}
