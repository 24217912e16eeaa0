import { addDays } from '../domain/index.js';
import type { HeatmapCell } from '../protocol/index.js';
import { mondayWeekday } from './visitFold.js';

/** Arrivals and waits summed per weekday (0 = Monday) and hour of issue, as the hourly roll-up gives them. */
export interface HourlySums {
  weekday: number;
  hour: number;
  arrivals: number;
  called: number;
  wait_sum: number;
}

/**
 * The arrivals heat map of the dates `from`..`to`: all 7 × 24 cells, each with its arrivals, the arrivals per day of
 * that weekday in the range, and the mean wait. The one definition for the hall and central.
 */
export function heatmapCells(from: string, to: string, hourly: readonly HourlySums[]): HeatmapCell[] {
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = mondayWeekday(d);
    days[wd] = (days[wd] ?? 0) + 1;
  }
  const cells = new Map(hourly.map((r) => [r.weekday * 24 + r.hour, r]));
  const out: HeatmapCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const c = cells.get(weekday * 24 + hour);
      const n = days[weekday] ?? 0;
      const arrivals = c?.arrivals ?? 0;
      out.push({
        weekday,
        hour,
        arrivals,
        meanArrivals: n > 0 ? Math.round((arrivals / n) * 100) / 100 : 0,
        meanWaitMs: c && c.called > 0 ? Math.round(c.wait_sum / c.called) : null,
      });
    }
  }
  return out;
}
