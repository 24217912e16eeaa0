// The oracle: the best promise any point estimate could give in a scenario (simulator only, never product code).
// At each issue it plays the rest of the day forward many times from the TRUE current state (who waits, what each
// counter is doing and for how long already) with the scenario's TRUE parameters: lognormal visit times conditioned
// on the time a visit has already lasted, the walk-up and no-show times conditioned on the time since the call, the
// Poisson arrivals of the hourly profile with the service mix and needs, and the real call-next rule (the domain's
// forecastBatch with sampled instead of expected durations). Its promise is the median call time of those plays,
// the point estimate with the least mean absolute error; its error figures are the floor for this scenario.
import { expectedTicket, forecastBatch } from '../../server/dist/domain/index.js';
import { rng } from './day.mjs';

const MIN = 60_000;

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 for erf, |error| < 1.5e-7). */
export function normalCdf(x) {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p) {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q0 = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (q0 < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(q0));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (q0 > 1 - 0.02425) return -normalQuantile(1 - q0);
  const q = q0 - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** A lognormal visit (mean, CV) drawn conditional on having lasted more than `elapsedMs` already: its remaining time. */
function remainingVisit(rand, meanMs, cv, elapsedMs) {
  const s = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(meanMs) - (s * s) / 2;
  const u = elapsedMs > 0 ? normalCdf((Math.log(elapsedMs) - mu) / s) : 0;
  const v = u + (1 - u) * rand();
  return Math.max(0, Math.exp(mu + s * normalQuantile(v)) - elapsedMs);
}

/** Uniform on [lo, hi] conditional on exceeding `e`: the time left, or undefined when it cannot exceed `e`. */
function uniformLeft(rand, lo, hi, e) {
  const from = Math.max(lo, e);
  return from >= hi ? undefined : from + rand() * (hi - from) - e;
}

/**
 * One promise of the oracle. `state`: `{now, waiting (domain tickets, the new one among them), counters (domain),
 * phases: Map counterId → {phase: 'walk'|'visit'|'gap'|'idle', since, serviceId}, ticketId, close, lastArrival,
 * priorityWeight, policy}`. Returns the call times (ms after now, Infinity when not called before closing) of `runs`
 * plays, sorted.
 */
export function oracleCallTimes(scenario, state, runs, seed) {
  const rand = rng(seed);
  const sec = 1000;
  const [w0, w1] = scenario.walkSeconds;
  const visitMs = (serviceId) => (scenario.visitMinutes[serviceId] ?? 8) * MIN;
  const gap = () => (5 + rand() * 10) * sec;
  const out = [];
  const sum = scenario.profile.reduce((a, [, w]) => a + w, 0);
  for (let r = 0; r < runs; r++) {
    const freeAt = new Map();
    for (const c of state.counters) {
      const p = state.phases.get(c.id);
      if (!p || p.phase === 'idle') continue;
      const e = state.now - p.since;
      let left;
      if (p.phase === 'gap') left = uniformLeft(rand, 5 * sec, 15 * sec, e) ?? 0;
      else if (p.phase === 'visit') left = remainingVisit(rand, visitMs(p.serviceId), scenario.visitCv, e) + gap();
      else {
        // Called, not started: the visitor is on the way (walk-up) or will not come (no-show marked 60–120 s later).
        const pShow = (1 - scenario.noShowShare) * Math.min(1, Math.max(0, (w1 * sec - e) / ((w1 - w0) * sec)));
        const pNo = scenario.noShowShare * Math.min(1, Math.max(0, (120 * sec - e) / (60 * sec)));
        if (pShow + pNo === 0) left = 0;
        else if (rand() * (pShow + pNo) < pShow) left = (uniformLeft(rand, w0 * sec, w1 * sec, e) ?? 0) + remainingVisit(rand, visitMs(p.serviceId), scenario.visitCv, 0) + gap();
        else left = uniformLeft(rand, 60 * sec, 120 * sec, e) ?? 0;
      }
      freeAt.set(c.id, state.now + left);
    }
    // Arrivals from now until the last ticket (or three hours on): the true hourly Poisson rates, mix and needs.
    const future = [];
    const until = Math.min(state.lastArrival, state.now + 3 * 60 * MIN);
    let id = 0;
    for (let t = state.now; ; ) {
      const hour = localHour(t, state);
      const perMs = (scenario.visitors * (scenario.profile.find(([h]) => h === hour)?.[1] ?? 0)) / sum / (60 * MIN);
      const hourEnd = state.dayStart + (hour - state.openHour + 1) * 60 * MIN;
      if (perMs === 0) {
        t = hourEnd;
        if (t >= until) break;
        continue;
      }
      const next = t - Math.log(Math.max(rand(), 1e-12)) / perMs;
      if (next >= Math.min(hourEnd, until)) {
        t = Math.min(hourEnd, until);
        if (t >= until) break;
        continue;
      }
      t = next;
      const serviceId = pickWeighted(rand, scenario.mix);
      const base = expectedTicket(serviceId, t, --id);
      future.push(rand() < scenario.hearingLoopShare ? { ...base, needs: ['hearing-loop'] } : base);
    }
    const f = forecastBatch(
      {
        waiting: state.waiting,
        counters: state.counters,
        freeAt,
        averageMinutes: (s) => visitMs(s) / MIN,
        callCostMs: (s) => {
          if (rand() < scenario.noShowShare) return (60 + rand() * 60) * sec;
          return (w0 + rand() * (w1 - w0)) * sec + remainingVisit(rand, visitMs(s), scenario.visitCv, 0) + gap();
        },
        servicePriorityWeight: state.priorityWeight,
        policy: state.policy,
        now: state.now,
        maxCalls: Number.POSITIVE_INFINITY,
        future,
        horizonEnd: state.close - 1,
      },
      [],
    );
    const at = f.callAt.get(state.ticketId);
    out.push(at === undefined ? Infinity : at - state.now);
  }
  return out.sort((a, b) => a - b);
}

function localHour(t, state) {
  return state.openHour + Math.floor((t - state.dayStart) / (60 * MIN));
}

function pickWeighted(rand, weights) {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let x = rand() * total;
  for (const [k, w] of weights) if ((x -= w) < 0) return k;
  return weights[weights.length - 1][0];
}

/** The q-quantile of sorted call times, in whole minutes (nearest), as a kiosk would show it; null when never. */
export function quantileMinutes(sorted, q) {
  const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return Number.isFinite(v) ? Math.round(v / MIN) : null;
}

/**
 * The hook runDay asks at each issue (see day.mjs): the oracle's promise (median, whole minutes) and a few quantiles
 * of its call-time distribution (minutes, unrounded) for the ticket just issued. Its random draws are its own, so
 * the day itself is the same with or without the oracle.
 */
export function oracleHook(app, scenario, runs, seed) {
  const s = app.services;
  const hall = s.hall.current();
  return (rec, { phases, open, close }) => {
    const now = rec.issuedAt;
    const waiting = s.tickets.active().filter((t) => t.state === 'waiting');
    const times = oracleCallTimes(
      scenario,
      {
        now,
        waiting,
        counters: s.views.counters(),
        phases,
        ticketId: rec.id,
        close,
        lastArrival: close - 15 * MIN,
        dayStart: open,
        openHour: Math.floor(scenario.openMinutes / 60),
        priorityWeight: hall.priorityWeight,
        policy: hall.config.policy.priority,
      },
      runs,
      seed * 100_003 + rec.id,
    );
    const q = (p) => {
      const v = times[Math.min(times.length - 1, Math.floor(p * times.length))];
      return Number.isFinite(v) ? v / MIN : null;
    };
    // Every play's call time (minutes, to the tenth of a second; null: not called), for rules tried offline on them.
    return { oracleTimes: times.map((v) => (Number.isFinite(v) ? Math.round(v / 100) / 600 : null)), oracle: quantileMinutes(times, 0.5), oracleQ: { q10: q(0.1), q25: q(0.25), q50: q(0.5), q60: q(0.6), q65: q(0.65), q70: q(0.7), q75: q(0.75), q90: q(0.9) } };
  };
}
