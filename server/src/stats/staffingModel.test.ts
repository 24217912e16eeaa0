import { describe, expect, it } from 'vitest';
import { MIN_ABANDONMENTS, MIN_HANDLING_SAMPLES, staffingModel } from './staffingModel.js';

const sample = (over: Partial<Parameters<typeof staffingModel>[0][number] & object>) => ({
  service_id: 'x',
  handled: 0,
  handling_s: 0,
  handling_s2: 0,
  left_uncalled: 0,
  exposure_s: 0,
  ...over,
});

describe('the staffing model of a service group from its own visits', () => {
  it('keeps Erlang C (exponential, nobody leaves) while the samples are too few', () => {
    expect(MIN_HANDLING_SAMPLES).toBe(30);
    expect(MIN_ABANDONMENTS).toBe(20);
    const few = staffingModel([sample({ handled: 29, handling_s: 29 * 600, handling_s2: 29 * 600 * 600, left_uncalled: 19, exposure_s: 19 * 600 })]);
    expect(few).toEqual({ model: { handlingCv2: 1, patienceMs: null }, cv: null });
    expect(staffingModel([undefined])).toEqual({ model: { handlingCv2: 1, patienceMs: null }, cv: null });
  });

  it('pools the services: handling CV from the sample variance, patience = all waiting time at risk ÷ leavers', () => {
    // Service a: 20 visits of 300 s; service b: 20 visits of 900 s. Mean 600 s, sample variance 40 × 300² / 39,
    // CV² = (40/39) × 90,000 / 360,000 = 10/39. Leavers: 12 + 8 = 20; time at risk 6,000 + 18,000 s: patience 1,200 s.
    const r = staffingModel([
      sample({ service_id: 'a', handled: 20, handling_s: 20 * 300, handling_s2: 20 * 300 * 300, left_uncalled: 12, exposure_s: 6_000 }),
      sample({ service_id: 'b', handled: 20, handling_s: 20 * 900, handling_s2: 20 * 900 * 900, left_uncalled: 8, exposure_s: 18_000 }),
    ]);
    expect(r.model.handlingCv2).toBeCloseTo(10 / 39, 12);
    expect(r.cv).toBeCloseTo(Math.sqrt(10 / 39), 12);
    expect(r.model.patienceMs).toBe(1_200_000);
  });
});
