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

/** Takes `samples` measurements with `fetchServerTime` and keeps the one with the shortest round trip. */
export async function measureClockOffset(
  fetchServerTime: () => Promise<number>,
  now: () => number = Date.now,
  samples = 3,
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
