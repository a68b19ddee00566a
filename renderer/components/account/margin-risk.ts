/**
 * How close the account is to liquidation by margin ratio (maintenance margin ÷ margin balance;
 * the exchange liquidates at 100 %): the colour of the ratio and its bar. Warning from the user's
 * alert threshold, danger near 100 % whatever the threshold.
 */
import { formatAmount, formatRatioPercent, NOT_AVAILABLE } from '../../../shared/format';
import { MARGIN_RATIO_CAP_PCT } from '../../../shared/ui-constants';

/** At or past this ratio the account is close to liquidation, whatever the user's threshold. */
export const MARGIN_RATIO_DANGER_PCT = 90;

export type MarginRisk = 'none' | 'safe' | 'warning' | 'danger';

/** The risk band of a margin ratio against the user's alert threshold; 'none' with nothing at stake. */
export function marginRisk(ratioPct: number | null | undefined, thresholdPct: number): MarginRisk {
  if (ratioPct === null || ratioPct === undefined || !Number.isFinite(ratioPct)) return 'none';
  if (ratioPct >= MARGIN_RATIO_DANGER_PCT) return 'danger';
  return ratioPct >= thresholdPct ? 'warning' : 'safe';
}

/** Fraction of the bar filled: the ratio's way to 100 % (liquidation), at most full. */
export function marginFill(ratioPct: number | null | undefined): number {
  if (ratioPct === null || ratioPct === undefined || !Number.isFinite(ratioPct)) return 0;
  return Math.min(1, Math.max(0, ratioPct / 100));
}

/**
 * "12.34%"; "≥1,000%" when main capped it (the margin balance is gone: no finite ratio says more);
 * "—" with nothing at stake.
 */
export function marginRatioText(ratioPct: number | null | undefined): string {
  if (ratioPct === null || ratioPct === undefined || !Number.isFinite(ratioPct)) return NOT_AVAILABLE;
  if (ratioPct >= MARGIN_RATIO_CAP_PCT) return `≥${formatAmount(MARGIN_RATIO_CAP_PCT, 0)}%`;
  return formatRatioPercent(ratioPct);
}
