import type { ReconnectOptions } from './Link.js';

export const DEFAULT_RECONNECT: Required<ReconnectOptions> = {
  initialDelayMs: 250,
  maxDelayMs: 5000,
  factor: 2,
};

/** Delay before reconnect attempt number `attempt` (0-based): 250, 500, 1000, … capped. */
export function backoffDelay(attempt: number, options: ReconnectOptions = {}): number {
  const { initialDelayMs, maxDelayMs, factor } = { ...DEFAULT_RECONNECT, ...options };
  const delay = initialDelayMs * Math.pow(factor, Math.max(0, attempt));
  return Math.min(maxDelayMs, Math.round(delay));
}
