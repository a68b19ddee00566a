/**
 * Totals over the positions in view, from main's `view.summary`: count, total notional and uPnL per
 * margin asset, and the position closest to liquidation (coloured by risk against the alert threshold).
 */
import { Fragment } from 'react';
import { formatPnl } from '../../shared/format';
import type { AssetTotals, PositionsSummary } from '../../shared/position';
import { selectSummary, selectThreshold } from '../store/selectors';
import { useAppStore } from '../store/store';
import { amountText, percentText } from './figures';
import { toneOf } from './table/cells';
import { riskLevel } from './table/risk';

/** "BTCUSDT long" from a position key ("BTCUSDT:LONG"); one-way keys say BOTH, shown as the symbol alone. */
export function worstLabel(key: string | null): string | null {
  if (key === null) return null;
  const [symbol, side] = key.split(':');
  return side === undefined || side === 'BOTH' ? (symbol ?? key) : `${symbol} ${side.toLowerCase()}`;
}

/**
 * The money totals, one pair per margin asset: each names its currency, and USDC is never summed
 * into USDT (Multi-Assets mode, PROTOCOL §13.9). A summary without `byAsset` is all USDT.
 */
export function currencyTotals(summary: PositionsSummary): AssetTotals[] {
  if (summary.byAsset !== undefined && summary.byAsset.length > 0) return summary.byAsset;
  return [{ asset: 'USDT', positions: summary.positions, unrealizedPnl: summary.unrealizedPnl ?? 0, notional: summary.notional ?? 0 }];
}

export function TotalsBar() {
  const summary = useAppStore(selectSummary);
  const threshold = useAppStore(selectThreshold);
  if (summary === null) return null;
  const worst = worstLabel(summary.worstKey);
  const level = riskLevel(summary.worstLiquidationDistancePct, threshold);
  return (
    <section className="totals-bar" aria-label="Totals" data-testid="totals-bar">
      <Total label="Positions" value={String(summary.positions)} testId="total-positions" />
      {currencyTotals(summary).map((totals) => (
        <Fragment key={totals.asset}>
          {/* The currency is named once, after the number, as the account panel does. */}
          <Total label="Notional" value={`${amountText(totals.notional)} ${totals.asset}`} testId={`total-notional-${totals.asset}`} />
          <Total
            label="uPnL"
            value={`${formatPnl(totals.unrealizedPnl)} ${totals.asset}`}
            tone={toneOf(totals.unrealizedPnl)}
            testId={`total-upnl-${totals.asset}`}
          />
        </Fragment>
      ))}
      <Total
        label="Closest to liquidation"
        value={
          summary.worstLiquidationDistancePct === null
            ? '—'
            : `${percentText(summary.worstLiquidationDistancePct)}${worst === null ? '' : ` · ${worst}`}`
        }
        tone={level === 'none' ? undefined : `risk-text-${level}`}
        testId="total-worst"
      />
    </section>
  );
}

function Total({ label, value, tone, testId }: { label: string; value: string; tone?: string | undefined; testId: string }) {
  return (
    <div className="total">
      <span className="total-label">{label}</span>
      <span className={`total-value${tone === undefined ? '' : ` ${tone}`}`} data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
