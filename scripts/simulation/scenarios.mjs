// The simulator's scenarios: the demo hall's seven counters (1–3 city, 4–6 county, 7 roaming at weight 0.5;
// counters 1, 2 and 6 weight one service ×2), open 08:00–17:00 with a last ticket at 16:45.

/** Relative arrivals per hour of the day: a morning peak at 10 and an after-lunch peak at 13. */
const PROFILE = [
  [8, 0.8], [9, 1.1], [10, 1.5], [11, 1.1], [12, 0.9], [13, 1.4], [14, 1.0], [15, 0.8], [16, 0.5],
];

/** Share of visitors per service. */
const MIX = [
  ['identity', 0.24], ['residence', 0.18], ['parking', 0.1], ['lost-found', 0.06],
  ['vehicles', 0.16], ['licences', 0.16], ['immigration', 0.1],
];

/** True mean visit time per service (minutes); the forecast learns them from finished visits. */
const VISIT_MINUTES = {
  identity: 7.2, residence: 9, parking: 4.5, 'lost-found': 3.6, vehicles: 10.8, licences: 9, immigration: 18,
};

const BUSY = {
  title: 'Busy, stable day: ~340 visitors, 7 counters, lognormal visits (CV 0.6), 30–60 s walk-up, 5 % no-shows, 3 % hearing loop',
  visitors: 340,
  profile: PROFILE,
  mix: MIX,
  visitMinutes: VISIT_MINUTES,
  visitCv: 0.6,
  walkSeconds: [30, 60],
  noShowShare: 0.05,
  hearingLoopShare: 0.03,
  counters: ['1', '2', '3', '4', '5', '6', '7'],
  openMinutes: 8 * 60,
  closeMinutes: 17 * 60,
  historyDays: 3,
};

export const SCENARIOS = {
  busy: BUSY,
  overload: {
    ...BUSY,
    title: 'Overloaded day: demand about 3× capacity (~1,200 visitors), same hall; history: three busy days',
    visitors: 1200,
    history: BUSY,
  },
};
