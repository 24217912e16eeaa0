/**
 * Runs `work` at most once per window however often it is asked for, and never in the caller's turn: the request
 * that committed a change answers first. The first request after a quiet spell runs almost at once; requests
 * during a run's window are served together at the window's end.
 */
export class Coalescer {
  private timer: NodeJS.Timeout | null = null;
  private lastRun = -Infinity;
  private closed = false;

  constructor(
    private readonly windowMs: number,
    private readonly work: () => void,
    private readonly onError: (err: unknown) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  request(): void {
    if (this.timer !== null || this.closed) return;
    const wait = Math.max(0, this.lastRun + this.windowMs - this.clock());
    this.timer = setTimeout(() => this.run(), wait);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    if (this.closed) return;
    this.lastRun = this.clock();
    try {
      this.work();
    } catch (err) {
      this.onError(err);
    }
  }
}
