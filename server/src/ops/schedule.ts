import { addDays, localDate, minutesOf, zonedInstant } from '../domain/index.js';

/** The next instant after `now` when the hall's clock shows `hhmm` (daily jobs: backup, retention). */
export function nextDaily(now: number, hhmm: string, timeZone: string): number {
  const today = localDate(now, timeZone);
  const at = zonedInstant(today, minutesOf(hhmm), timeZone);
  return at > now ? at : zonedInstant(addDays(today, 1), minutesOf(hhmm), timeZone);
}

/**
 * Runs `job` once a day at `hhmm` hall time. The clock is looked at every minute rather than trusted to a long timer,
 * so a suspended VM or a clock corrected by NTP still gets its run. `tick()` is public for tests with a fake clock.
 */
export class DailyJob {
  private nextAt: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly hhmm: string,
    private readonly timeZone: () => string,
    private readonly now: () => number,
    private readonly job: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
    /** Run soon after start instead of waiting for the first `hhmm` (a missed run). */
    runSoon = false,
  ) {
    this.nextAt = runSoon ? now() + 60_000 : nextDaily(now(), hhmm, timeZone());
  }

  start(): this {
    this.timer = setInterval(() => void this.tick(), 60_000);
    this.timer.unref();
    return this;
  }

  get next(): number {
    return this.nextAt;
  }

  async tick(): Promise<void> {
    const now = this.now();
    if (this.running || now < this.nextAt) return;
    this.running = true;
    this.nextAt = nextDaily(now, this.hhmm, this.timeZone());
    try {
      await this.job();
    } catch (err) {
      this.onError(err);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
