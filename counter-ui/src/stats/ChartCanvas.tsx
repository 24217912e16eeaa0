import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, Arial, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#0b0c0c';

/** Dark, high-contrast series colours; series also differ by point shape and line dash, never by colour alone. */
export const SERIES = [
  { color: '#1d70b8', pointStyle: 'circle', dash: [] },
  { color: '#0b0c0c', pointStyle: 'rectRot', dash: [8, 4] },
  { color: '#00703c', pointStyle: 'triangle', dash: [2, 3] },
  { color: '#912b88', pointStyle: 'rect', dash: [12, 4, 2, 4] },
  { color: '#d4351c', pointStyle: 'star', dash: [4, 4] },
  { color: '#6f4e00', pointStyle: 'crossRot', dash: [16, 6] },
  { color: '#505a5f', pointStyle: 'cross', dash: [1, 2] },
] as const;

/** Bars, lines, or bars with a line: the kinds of chart this screen draws. */
export type StatsChartConfig = ChartConfiguration<'bar' | 'line'>;

type Series = { label: string; data: (number | null)[] };

/** One figure as bars (the first series' colour) and another as a dashed line with point shapes (the second's). */
function barAndLine(bars: Series, line: Series, axes?: { bars: string; line: string }): StatsChartConfig['data']['datasets'] {
  return [
    { type: 'bar', label: bars.label, data: bars.data, backgroundColor: SERIES[0].color, ...(axes ? { yAxisID: axes.bars } : {}) },
    {
      type: 'line',
      label: line.label,
      data: line.data,
      borderColor: SERIES[1].color,
      backgroundColor: SERIES[1].color,
      borderDash: [...SERIES[1].dash],
      pointStyle: SERIES[1].pointStyle,
      pointRadius: 5,
      ...(axes ? { yAxisID: axes.line } : {}),
    },
  ];
}

/** A count as bars on the left axis and the mean wait (minutes) as a dashed line on the right axis. */
export function countsWithWaitLine(labels: string[], counts: { label: string; data: number[] }, wait: Series): StatsChartConfig {
  return {
    type: 'bar',
    data: { labels, datasets: barAndLine(counts, wait, { bars: 'y', line: 'y1' }) },
    options: {
      plugins: { legend: { labels: { usePointStyle: true } } },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: counts.label } },
        y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: wait.label } },
      },
    },
  };
}

/** One figure as bars and another as a dashed line, on one axis starting at zero (titled `axis`). */
export function barsWithLine(labels: string[], bars: Series, line: Series, axis: string): StatsChartConfig {
  return {
    type: 'bar',
    data: { labels, datasets: barAndLine(bars, line) },
    options: {
      plugins: { legend: { labels: { usePointStyle: true } } },
      scales: { y: { beginAtZero: true, title: { display: true, text: axis } } },
    },
  };
}

interface Props {
  config: StatsChartConfig;
  /** What the chart shows, for the canvas' accessible name; the table next to it holds the figures. */
  label: string;
  testId: string;
}

/**
 * One Chart.js chart on a canvas, created in an effect and destroyed on change or unmount. No animation: figures
 * appear at once (and `prefers-reduced-motion` needs nothing more). The canvas is an image with a name; screen
 * reader users read the table alternative.
 */
export function ChartCanvas({ config, label, testId }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const options: StatsChartConfig['options'] = { ...config.options, animation: false, responsive: true, maintainAspectRatio: false };
    const chart = new Chart(el, { ...config, options });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={label}>
        {label}
      </canvas>
    </div>
  );
}
