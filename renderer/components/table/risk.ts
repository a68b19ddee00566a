/**
 * How close a position is to liquidation, relative to the user's alert threshold: the colour and
 * fill of the distance bar. Inside the threshold is red (main alerts there), within twice the
 * threshold amber, beyond that green.
 */
export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

export function riskLevel(distancePct: number | null, thresholdPct: number): RiskLevel {
  if (distancePct === null || !Number.isFinite(distancePct)) return 'none';
  if (distancePct <= thresholdPct) return 'high';
  return distancePct <= thresholdPct * 2 ? 'medium' : 'low';
}

/** The bar's scale: at four times the threshold or more, the bar is (almost) empty. */
const SCALE_FACTOR = 4;
const MIN_FILL = 0.04;

/** Fraction of the bar filled: 1 at (or past) liquidation, falling as the distance grows. */
export function riskFill(distancePct: number | null, thresholdPct: number): number {
  if (distancePct === null || !Number.isFinite(distancePct)) return 0;
  const fill = 1 - distancePct / (thresholdPct * SCALE_FACTOR);
  return Math.min(1, Math.max(MIN_FILL, fill));
}
