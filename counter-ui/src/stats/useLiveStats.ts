import { useEffect, useState } from 'react';
import type { LiveStats } from '@vuoro/server/protocol';
import { ApiFailure, api } from '../api/client.js';
import { liveQueryOf, type StatsFilter } from './statsQuery.js';

const REFRESH_MS = 30_000;

/** Today so far, re-read every 30 seconds while the screen is open (quietly: no announcement). */
export function useLiveStats(token: string, filter: StatsFilter, version: number, onExpired: () => void): LiveStats | null {
  const [live, setLive] = useState<LiveStats | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api('statsLive', token, { query: liveQueryOf(filter) }).then(
        (l) => {
          if (alive) setLive(l);
        },
        (err: unknown) => {
          if (alive && err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
        },
      );
    void load();
    const id = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      window.clearInterval(id);
    };
  }, [token, filter, version, onExpired]);
  return live;
}
