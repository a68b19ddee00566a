/**
 * The positions table's funding, ADL and account-ratio cells. Each subscribes to the little it
 * needs (the shared clock, the clock offset, the account's cross ratio), so a countdown second or
 * an account tick re-renders these cells only, never their rows.
 */
import { formatRatePercent, NOT_AVAILABLE } from '../../../shared/format';
import type { PositionRow } from '../../../shared/position';
import { selectClockOffset, selectCrossMarginRatio, selectMarginRatioAlert } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { marginRatioText, marginRisk } from '../account/margin-risk';
import { useClock } from '../clock';
import { percentText } from '../figures';
import {
  ADL_SEGMENTS,
  adlLevel,
  adlLit,
  countdownText,
  fundingAmountText,
  fundingDirection,
  intervalText,
  untilNextFunding,
} from '../funding';
import { toneOf } from './cells';

/** "16:00 UTC": the funding time itself, for the tooltip (the countdown says how long until then). */
function utcTimeText(exchangeMs: number): string {
  return `${new Date(exchangeMs).toISOString().slice(11, 16)} UTC`;
}

/** The time left to the next funding, ticking with the shared one-second clock. */
export function FundingCountdown({ at, intervalHours }: { at: number | null; intervalHours: number | null }) {
  const offset = useAppStore(selectClockOffset);
  const text = useClock((now) => countdownText(untilNextFunding(at, intervalHours, now + offset)));
  return (
    <span className="funding-countdown" data-testid="funding-countdown">
      {text}
    </span>
  );
}

/** Rate, countdown and interval: "0.0100% 07:59:58 8h". */
export function FundingCell({ row }: { row: PositionRow }) {
  const { fundingRate, nextFundingTime, fundingIntervalHours } = row.derived;
  if (fundingRate === null && nextFundingTime === null) return <span className="muted">{NOT_AVAILABLE}</span>;
  const rate = formatRatePercent(fundingRate);
  const interval = intervalText(fundingIntervalHours);
  const title = [
    `Funding rate ${rate}`,
    fundingIntervalHours === null ? null : `every ${interval}`,
    nextFundingTime === null ? null : `next at ${utcTimeText(nextFundingTime)}`,
    fundingRate === null || fundingRate === 0 ? null : fundingRate > 0 ? 'longs pay shorts' : 'shorts pay longs',
  ]
    .filter((part) => part !== null)
    .join(' · ');
  return (
    <span className="funding" title={title}>
      <span className="funding-rate">{rate}</span>
      <FundingCountdown at={nextFundingTime} intervalHours={fundingIntervalHours} />
      <span className="funding-interval">{interval}</span>
    </span>
  );
}

/** A signed funding amount in the margin asset, "receives"/"pays" in its tooltip. */
export function FundingAmountCell({ amount, currency, what }: { amount: number | null | undefined; currency: string | undefined; what: 'next' | 'today' }) {
  if (amount === null || amount === undefined) return <span className="muted">{NOT_AVAILABLE}</span>;
  const direction = fundingDirection(amount);
  const text = fundingAmountText(amount, currency);
  const title =
    direction === null
      ? what === 'next'
        ? 'No funding due at the current rate'
        : 'No funding booked today'
      : what === 'next'
        ? `Estimated: this position ${direction} ${text.replace(/^[+−]/, '')} at the next funding`
        : `Since 00:00 UTC this symbol ${direction === 'receives' ? 'received' : 'paid'} ${text.replace(/^[+−]/, '')} in funding`;
  return (
    <span className={`funding-amount ${toneOf(amount) ?? ''}`} title={title} data-direction={direction ?? undefined}>
      {text}
    </span>
  );
}

/** A hedge leg under its net row: income is booked per symbol, so the net row shows it, once. */
export function OnNetRowCell() {
  return (
    <span className="muted" title="Funding is booked per symbol: shown once, on the net row">
      ↑ net
    </span>
  );
}

/** The ADL light: five segments, quantile + 1 of them lit; "—" while unknown. */
export function AdlCell({ adl }: { adl: number | null | undefined }) {
  const lit = adlLit(adl);
  if (lit === null) return <span className="muted" title="ADL quantile not known yet">{NOT_AVAILABLE}</span>;
  const label = `ADL quantile ${adl}: ${lit} of ${ADL_SEGMENTS} lights (more lights, earlier in the auto-deleveraging queue)`;
  return (
    <span className={`adl adl-${adlLevel(lit)}`} role="img" aria-label={label} title={label} data-adl={adl ?? undefined}>
      {Array.from({ length: ADL_SEGMENTS }, (_, index) => (
        <span key={index} className={index < lit ? 'adl-segment adl-on' : 'adl-segment'} />
      ))}
    </span>
  );
}

/**
 * The margin ratio: an isolated position's own; for a cross position the account's cross ratio,
 * which is what liquidates it, tagged "acct" so it is not read as the position's own.
 */
export function MarginRatioCell({ row }: { row: PositionRow }) {
  if (row.marginType === 'isolated') return <>{percentText(row.derived.marginRatioPct)}</>;
  return <AccountRatio />;
}

function AccountRatio() {
  const ratio = useAppStore(selectCrossMarginRatio);
  const threshold = useAppStore(selectMarginRatioAlert);
  if (ratio === undefined) return <span className="muted" title="The account's cross margin ratio: not read yet">{NOT_AVAILABLE}</span>;
  const risk = marginRisk(ratio, threshold);
  return (
    <span
      className={`acct-ratio margin-risk-text-${risk}`}
      title="The account’s cross margin ratio: cross positions share one margin, and this ratio decides their liquidation (at 100%)"
      data-risk={risk}
    >
      {marginRatioText(ratio)}
      <span className="acct-tag">acct</span>
    </span>
  );
}
