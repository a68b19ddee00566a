/**
 * The server clock. Every time the simulator reports or checks (serverTime, event times,
 * timestamps, listen key expiry, rate-limit windows) comes from here, so a test can freeze it
 * (`now` option) and the control endpoint can skew it to exercise a client's clock-offset code.
 */

/** A clock with an adjustable offset. */
export class SimClock {
  private skewMs = 0;

  constructor(private readonly base: () => number) {}

  /** Current server time in ms: the base clock plus the skew. */
  readonly now = (): number => this.base() + this.skewMs;

  /** The offset currently added to the base clock. */
  get skew(): number {
    return this.skewMs;
  }

  /** Sets (not adds to) the offset, so repeating a command is harmless. */
  setSkew(ms: number): void {
    this.skewMs = ms;
  }
}
