import { useEffect, useMemo, useState } from 'react';
import { ApiFailure } from '../api/client.js';
import type { StatsQueryParams } from './statsQuery.js';

/** The period and organisation/service filters of the screen as the stats routes take them ('' = not set). */
export function usePeriodQuery(query: StatsQueryParams): { from: string; to: string; organisationId: string; serviceId: string } {
  return useMemo(() => ({ from: query.from ?? '', to: query.to ?? '', organisationId: query.organisationId ?? '', serviceId: query.serviceId ?? '' }), [query]);
}

/**
 * What `load` answers, asked again whenever `load` changes (keep it in `useCallback`); an answer that arrives after a
 * newer question is dropped. A failure becomes its message; an expired session also calls `onExpired`.
 */
export function useStatsAnswer<T>(load: () => Promise<T>, onExpired: () => void): { data: T | null; failure: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setFailure(null);
    load().then(
      (a) => {
        if (live) setData(a);
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
        setFailure(err instanceof ApiFailure ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [load, onExpired]);
  return { data, failure };
}
