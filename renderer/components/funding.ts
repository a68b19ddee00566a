/**
 * Funding and ADL as display text: pure functions, so the countdown's rollover and the ADL light
 * are tested without a browser. The figures themselves (rate, next time, interval, estimate) are
 * main's; only the time left is worked out here, from the renderer's clock.
 */
import { formatPnl, NOT_AVAILABLE } from '../../shared/format';

const HOUR_MS = 3_600_000;

/**
 * Milliseconds until the next funding, on the exchange's clock (`serverNow` = local now + the clock
 * offset main measured: `nextFundingTime` is exchange time). Once that time has passed and before
 * the mark stream brings the next one (it does within a second or so), the countdown rolls over to
 * the funding after it, one interval later, instead of sticking at zero or going negative. Null
 * when the next funding time is unknown.
 */
export function untilNextFunding(nextFundingTime: number | null, intervalHours: number | null, serverNow: number): number | null {
  if (nextFundingTime === null || !Number.isFinite(nextFundingTime) || !Number.isFinite(serverNow)) return null;
  const left = nextFundingTime - serverNow;
  if (left > 0) return left;
  if (intervalHours === null || !(intervalHours > 0)) return 0;
  const interval = intervalHours * HOUR_MS;
  // The first funding after now: a whole number of intervals past the one that went by.
  return interval - (-left % interval);
}

const two = (value: number) => String(value).padStart(2, '0');

/** "07:59:58" (hours:minutes:seconds, as the exchange shows the funding countdown); "—" when unknown. */
export function countdownText(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NOT_AVAILABLE;
  // Rounded up: the exchange's countdown reads 00:00:01 until the very end, never 00:00:00 early.
  const seconds = Math.max(0, Math.ceil(ms / 1_000));
  return `${two(Math.floor(seconds / 3_600))}:${two(Math.floor((seconds % 3_600) / 60))}:${two(seconds % 60)}`;
}

/** "8h", "4h", "1h": the funding interval. */
export function intervalText(hours: number | null): string {
  return hours === null || !Number.isFinite(hours) ? NOT_AVAILABLE : `${hours}h`;
}

/** Who pays whom, from the sign of a funding amount (main's: positive means the position receives). */
export function fundingDirection(amount: number | null | undefined): 'receives' | 'pays' | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount) || amount === 0) return null;
  return amount > 0 ? 'receives' : 'pays';
}

/** "+1.23 USDT" (receives) or "−0.45 USDT" (pays); "—" when unknown. */
export function fundingAmountText(amount: number | null | undefined, currency: string | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return NOT_AVAILABLE;
  // Four decimals: a funding payment on a small position is often below one cent.
  const text = formatPnl(amount, 4);
  return currency === undefined ? text : `${text} ${currency}`;
}

/** Segments of the ADL light. */
export const ADL_SEGMENTS = 5;

/**
 * How many of the five segments are lit for a quantile 0–4 (low → high priority of being
 * auto-deleveraged): quantile + 1, so the lowest still shows one light and the highest all five, as
 * the exchange's indicator does. Null when the quantile is unknown or out of range.
 */
export function adlLit(adl: number | null | undefined): number | null {
  if (adl === null || adl === undefined || !Number.isInteger(adl) || adl < 0 || adl > 4) return null;
  return adl + 1;
}

/** The light's colour band: low (1–2 lit), medium (3), high (4–5). */
export function adlLevel(lit: number): 'low' | 'medium' | 'high' {
  if (lit >= 4) return 'high';
  return lit === 3 ? 'medium' : 'low';
}
