/**
 * A leading-edge throttle: the first change after a quiet period goes out at once (lowest latency),
 * later ones within the interval are merged into one trailing call at the interval's end. Used to
 * keep IPC pushes at ≤ 60 per second whatever the input rate (DESIGN §10 P4).
 */
export class LeadingThrottle {
  private lastRun = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  /** Inside `run`; a change notified meanwhile waits for `again`. */
  private running = false;
  private again = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Something changed: run now, or once at the end of the current interval. */
  notify(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== null) return;
    const wait = this.lastRun + this.intervalMs - this.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    // Timers have whole-millisecond resolution and Node truncates fractions: round up so that two
    // runs are never closer than the interval.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire();
    }, Math.ceil(wait));
  }

  /** Drops a pending trailing call. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.again = false;
  }

  /**
   * The interval counts from the END of a run: a run that takes longer than the interval (diffing a
   * large view) must not be followed at once by the next, or two sends would be closer
   * than the interval. A change notified during the run is scheduled after it, never run inside it.
   */
  private fire(): void {
    this.running = true;
    try {
      this.run();
    } finally {
      this.running = false;
      this.lastRun = this.now();
    }
    if (this.again) {
      this.again = false;
      this.notify();
    }
  }
}

/** 60 pushes per second at most. */
export const PUSH_INTERVAL_MS = 1000 / 60;
