/**
 * Totals over the positions in view, from main's `view.summary`: count, total notional, total uPnL,
 * and the position closest to liquidation (coloured by risk against the alert threshold).
 */
import { formatPnl } from '../../shared/format';
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

export function TotalsBar() {
  const summary = useAppStore(selectSummary);
  const threshold = useAppStore(selectThreshold);
  if (summary === null) return null;
  const worst = worstLabel(summary.worstKey);
  const level = riskLevel(summary.worstLiquidationDistancePct, threshold);
  return (
    <section className="totals-bar" aria-label="Totals" data-testid="totals-bar">
      <Total label="Positions" value={String(summary.positions)} testId="total-positions" />
      <Total label="Notional" value={`${amountText(summary.notional)} USDT`} testId="total-notional" />
      <Total
        label="uPnL"
        value={`${formatPnl(summary.unrealizedPnl)} USDT`}
        tone={toneOf(summary.unrealizedPnl)}
        testId="total-upnl"
      />
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
