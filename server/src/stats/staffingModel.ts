import type { StaffingModel } from '../domain/index.js';
import type { StaffingSamples } from '../store/index.js';

/** Finished visits a group needs before its handling times' spread replaces the exponential assumption. */
export const MIN_HANDLING_SAMPLES = 30;
/** Visitors who left before being called that a group needs before its patience is estimated (Erlang A). */
export const MIN_ABANDONMENTS = 20;

/**
 * The staffing model of one service group from its services' samples: the handling times' squared coefficient of
 * variation (1, exponential, below MIN_HANDLING_SAMPLES visits) and the mean patience, the standard estimator for
 * exponential patience with censored waits: all waiting time at risk (called visitors until their call, leavers
 * until they left) ÷ the number who left (null below MIN_ABANDONMENTS).
 */
export function staffingModel(samples: readonly (StaffingSamples | undefined)[]): { model: StaffingModel; cv: number | null } {
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  let left = 0;
  let exposure = 0;
  for (const x of samples) {
    if (!x) continue;
    n += x.handled;
    sum += x.handling_s;
    sum2 += x.handling_s2;
    left += x.left_uncalled;
    exposure += x.exposure_s;
  }
  const mean = n > 0 ? sum / n : 0;
  const cv2 = n >= MIN_HANDLING_SAMPLES && mean > 0 ? Math.max(0, (sum2 / n - mean * mean) * (n / (n - 1))) / (mean * mean) : null;
  const patienceMs = left >= MIN_ABANDONMENTS ? (exposure / left) * 1000 : null;
  return { model: { handlingCv2: cv2 ?? 1, patienceMs }, cv: cv2 === null ? null : Math.sqrt(cv2) };
}
