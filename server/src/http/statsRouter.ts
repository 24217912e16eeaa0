import { Router, type Response } from 'express';
import { CompareQuery, LiveQuery, StaffingQuery, StatsQuery, VisitsQuery, type EstimateErrorFigures, type StatsFigures } from '../protocol/index.js';
import { actorOf, type Services } from '../services/index.js';
import { objectsToCsv, toCsv, type CsvValue } from '../stats/csv.js';
import type { StatsService } from '../stats/index.js';
import { VISIT_CSV_COLUMNS } from '../stats/visitRows.js';
import { userOf } from './auth.js';
import { routesOn } from './routeTable.js';

const FIGURES: readonly (keyof StatsFigures)[] = [
  'visits', 'called', 'meanWaitMs', 'maxWaitMs', 'meanWalkMs', 'meanTransactionMs', 'serviceLevel', 'done', 'noShows',
  'noShowRate', 'abandoned', 'cancelled', 'expired', 'abandonmentRate', 'firstContactResolution', 'transfers',
  'transferredVisits', 'recalls', 'legs', 'meanLegWaitMs', 'ratings', 'meanRating',
];

const ESTIMATE_FIGURES: readonly (keyof EstimateErrorFigures)[] = [
  'promises', 'medianAbsErrorMs', 'p90AbsErrorMs', 'meanErrorMs', 'lateShare', 'earlyShare', 'neverCalled',
];

const APPOINTMENT_FIGURES = [
  'booked', 'cancelled', 'arrived', 'noShows', 'noShowRate', 'meanArrivalMinutes', 'onTimeShare', 'meanWaitAfterCheckInMinutes', 'meanWaitAfterSlotMinutes',
] as const;

/** GET /stats/…: supervisors and admins; `?format=csv` answers a table as text/csv with a header row. */
export function statsRouter(s: Services, stats: StatsService): Router {
  const r = Router();
  const on = routesOn(r, s.auth);
  const actor = (res: Response) => actorOf(userOf(res));

  on('statsSummary', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const sum = stats.summary(actor(res), q);
    if (q.format === 'json') return void res.json(sum);
    const row = (group: string, key: CsvValue, f: StatsFigures): CsvValue[] => [group, key, ...FIGURES.map((k) => f[k])];
    const rows = [
      row('total', '', sum.totals),
      ...sum.byService.map((x) => row('service', x.serviceId, x)),
      ...sum.byCounter.map((x) => row('counter', x.counterId, x)),
      ...sum.byStaff.map((x) => row('staff', x.userName ?? x.userId, x)),
    ];
    csv(res, `summary-${sum.from}-${sum.to}`, toCsv(['group', 'key', ...FIGURES], rows));
  });

  on('statsCounters', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const rows = stats.counters(actor(res), q);
    if (q.format === 'json') return void res.json(rows);
    const reasons = [...new Set(rows.flatMap((c) => Object.keys(c.pausedByReason)))].sort();
    const header = ['counterId', 'userId', 'userName', 'openMs', 'servingMs', 'pausedMs', 'idleMs', ...reasons.map((x) => `paused:${x}`)];
    const body = rows.map((c) => [c.counterId, c.userId, c.userName, c.openMs, c.servingMs, c.pausedMs, c.idleMs, ...reasons.map((x) => c.pausedByReason[x] ?? 0)]);
    csv(res, 'counters', toCsv(header, body));
  });

  on('statsDaily', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const rows = stats.daily(actor(res), q);
    if (q.format === 'json') return void res.json(rows);
    csv(res, 'daily', toCsv(['date', ...FIGURES], rows.map((d) => [d.date, ...FIGURES.map((k) => d[k])])));
  });

  on('statsHeatmap', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const cells = stats.heatmap(actor(res), q);
    if (q.format === 'json') return void res.json(cells);
    csv(res, 'heatmap', objectsToCsv(['weekday', 'hour', 'arrivals', 'meanArrivals', 'meanWaitMs'], cells));
  });

  on('statsEstimates', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const acc = stats.estimates(actor(res), q);
    if (q.format === 'json') return void res.json(acc);
    const row = (group: string, key: CsvValue, f: EstimateErrorFigures): CsvValue[] => [group, key, ...ESTIMATE_FIGURES.map((k) => f[k])];
    const rows = [
      row('total', '', acc.totals),
      ...acc.byService.map((x) => row('service', x.serviceId, x)),
      ...acc.byHour.map((x) => row('hour', x.hour, x)),
      ...acc.byDay.map((x) => row('day', x.date, x)),
    ];
    csv(res, `estimates-${acc.from}-${acc.to}`, toCsv(['group', 'key', ...ESTIMATE_FIGURES], rows));
  });

  on('statsStaffing', (req, res) => {
    const q = StaffingQuery.parse(req.query);
    const advice = stats.staffing(actor(res), q);
    if (q.format === 'json') return void res.json(advice);
    csv(
      res,
      `staffing-weekday-${advice.weekday}`,
      objectsToCsv(
        [
          'group', 'hour', 'arrivalsPerHour', 'handlingMs', 'targetMinutes', 'countersNeeded', 'countersOpen', 'serviceLevelOpen',
          'serviceLevelNeeded', 'countersFormula', 'serviceLevelFormula', 'method', 'handlingCv', 'patienceMs',
        ],
        advice.rows,
      ),
    );
  });

  on('statsCompare', (req, res) => {
    const q = CompareQuery.parse(req.query);
    const c = stats.compare(actor(res), q);
    if (q.format === 'json') return void res.json(c);
    const diff = (k: keyof StatsFigures) => {
      const x = c.a.figures[k];
      const y = c.b.figures[k];
      return typeof x === 'number' && typeof y === 'number' ? y - x : null;
    };
    const rows: CsvValue[][] = FIGURES.map((k) => [k, c.a.figures[k], c.b.figures[k], diff(k), null, null, null]);
    rows.push(['meanWaitMs (bootstrap)', c.a.figures.meanWaitMs, c.b.figures.meanWaitMs, c.meanWait.diffMs, c.meanWait.lowMs, c.meanWait.highMs, c.meanWait.likelyReal]);
    csv(res, `compare-${c.a.from}-${c.a.to}-vs-${c.b.from}-${c.b.to}`, toCsv(['figure', 'a', 'b', 'difference', 'low95', 'high95', 'likelyReal'], rows));
  });

  on('statsVisits', (req, res) => {
    const q = VisitsQuery.parse(req.query);
    const page = stats.visits(actor(res), q);
    if (q.format === 'json') return void res.json(page);
    res.setHeader('X-Total-Count', String(page.total));
    csv(res, `visits-page-${page.page}`, objectsToCsv(VISIT_CSV_COLUMNS, page.visits));
  });

  on('statsLive', (req, res) => {
    const q = LiveQuery.parse(req.query);
    const live = stats.live(actor(res), q);
    if (q.format === 'json') return void res.json(live);
    csv(res, 'live', objectsToCsv(['serviceId', 'tickets', 'waitingNow', 'meanWaitMs', 'serviceLevel'], live.byService));
  });

  on('statsAppointments', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const a = stats.appointments(actor(res), q);
    if (q.format === 'json') return void res.json(a);
    const row = (key: string, f: typeof a.totals): CsvValue[] => [key, ...APPOINTMENT_FIGURES.map((k) => f[k])];
    csv(res, 'appointments', toCsv(['serviceId', ...APPOINTMENT_FIGURES], [row('total', a.totals), ...a.byService.map((x) => row(x.serviceId, x))]));
  });

  on('statsFeedback', (req, res) => {
    const q = StatsQuery.parse(req.query);
    const fb = stats.feedback(actor(res), q);
    if (q.format === 'json') return void res.json(fb);
    const header = ['date', 'rating', 'comment', 'serviceId', 'waitFromMinutes', 'waitToMinutes'];
    const rows = fb.comments.map((c) => [c.date, c.rating, c.comment, c.serviceId, c.waitBand?.fromMinutes ?? null, c.waitBand?.toMinutes ?? null]);
    csv(res, 'feedback-comments', toCsv(header, rows));
  });

  return r;
}

function csv(res: Response, name: string, body: string): void {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.send(body);
}
