/**
 * The offset between this computer's clock and the exchange's. Signed requests carry a timestamp the
 * exchange checks against its own clock (PROTOCOL §3), and desktop clocks drift: we sign with
 * local time + offset. Offset = serverTime − (tSend + tRecv) / 2, the midpoint method; of several
 * samples the one with the shortest round trip is the most precise.
 */

export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
}

/**
 * Takes `samples` measurements with `fetchServerTime` and keeps the one with the shortest round trip.
 * One by default: each is a request on the shared weight budget, and loopback-to-exchange round trips
 * are short enough that one midpoint estimate is well inside recvWindow.
 */
export async function measureClockOffset(
  fetchServerTime: () => Promise<number>,
  now: () => number = Date.now,
  samples = 1,
): Promise<ClockSample> {
  let best: ClockSample | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = now();
    const serverTime = await fetchServerTime();
    const received = now();
    const sample = { offsetMs: serverTime - (sent + received) / 2, roundTripMs: received - sent };
    if (best === null || sample.roundTripMs < best.roundTripMs) best = sample;
  }
  if (best === null) throw new RangeError('samples must be at least 1');
  return best;
}

export interface ClockKeeperOptions {
  now: () => number;
  /** One server time request (the client sends it through its request gate). */
  fetchServerTime: () => Promise<number>;
  /** A new offset was measured (ms, rounded). */
  onOffset: (offsetMs: number) => void;
  /** A (re)connect reuses an offset measured this recently (ms). */
  reuseMs: number;
  /** The offset is re-measured this often while connected (ms). */
  resyncMs: number;
}

/** A failed hourly re-measurement is tried again on housekeeping, but not more often than this (ms). */
export const RESYNC_RETRY_MS = 60_000;

/**
 * When to ask the exchange for its time: once at the first connect, again only when the last
 * measurement is older than `reuseMs` (a reconnect storm must not turn into a time request storm),
 * hourly while connected, and after a -1021. One request per measurement: callers that ask while one
 * is under way (several requests rejected with -1021 at once) share it.
 */
export class ClockKeeper {
  /** When the last measurement succeeded (local ms), or null before the first. */
  private syncedAt: number | null = null;
  /** When the last due re-measurement was started (local ms): bounds retries after a failure. */
  private resyncTriedAt: number | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: ClockKeeperOptions) {}

  /** Measures now (one request), or joins the measurement already under way. */
  sync(): Promise<void> {
    this.inFlight ??= this.measure().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Before a (re)connect: measures unless a recent offset is known. */
  async ensure(): Promise<void> {
    if (this.syncedAt !== null && this.options.now() - this.syncedAt < this.options.reuseMs) return;
    await this.sync();
  }

  /**
   * True when the hourly re-measurement is due; the caller then syncs. Only a success restarts the
   * hour, so a failed one is due again — at most once per RESYNC_RETRY_MS, and not while one runs.
   */
  resyncDue(): boolean {
    const now = this.options.now();
    if (this.syncedAt !== null && now - this.syncedAt < this.options.resyncMs) return false;
    if (this.inFlight !== null) return false;
    if (this.resyncTriedAt !== null && now - this.resyncTriedAt < RESYNC_RETRY_MS) return false;
    this.resyncTriedAt = now;
    return true;
  }

  private async measure(): Promise<void> {
    const sample = await measureClockOffset(this.options.fetchServerTime, this.options.now, 1);
    this.syncedAt = this.options.now();
    this.options.onOffset(Math.round(sample.offsetMs));
  }
}
