import { useEffect, useState } from 'react';
import type { CounterTime, DailyRow, EstimateAccuracy, FeedbackStats, HeatmapCell, StatsSummary } from '@vuoro/server/protocol';
import { api, ApiFailure } from '../api/client.js';
import { arrivalsQueryOf, queryOf, type StatsFilter } from './statsQuery.js';

export interface StatsData {
  summary: StatsSummary;
  counters: CounterTime[];
  daily: DailyRow[];
  heatmap: HeatmapCell[];
  feedback: FeedbackStats;
  estimates: EstimateAccuracy;
}

export interface StatsState {
  data: StatsData | null;
  loading: boolean;
  failure: ApiFailure | null;
}

/** Loads the period's figures for the applied filter (today's live figures: useLiveStats); `version` reloads the same filter. */
export function useStats(token: string, filter: StatsFilter, today: string, version: number, onExpired: () => void): StatsState {
  const [state, setState] = useState<StatsState>({ data: null, loading: true, failure: null });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, failure: null }));
    const q = queryOf(filter, today);
    Promise.all([
      api('statsSummary', token, { query: q }),
      api('statsCounters', token, { query: q }),
      api('statsDaily', token, { query: q }),
      api('statsHeatmap', token, { query: arrivalsQueryOf(filter, today) }),
      api('statsFeedback', token, { query: q }),
      api('statsEstimates', token, { query: q }),
    ]).then(
      ([summary, counters, daily, heatmap, feedback, estimates]) => {
        if (live) setState({ data: { summary, counters, daily, heatmap, feedback, estimates }, loading: false, failure: null });
      },
      (err: unknown) => {
        if (!live) return;
        const f = err instanceof ApiFailure ? err : new ApiFailure(0, 'internal', String(err));
        if (f.code === 'unauthorized') onExpired();
        setState({ data: null, loading: false, failure: f });
      },
    );
    return () => {
      live = false;
    };
  }, [token, filter, today, version, onExpired]);
  return state;
}
