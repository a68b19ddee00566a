/**
 * One set of account figures (the cross part, or the whole account): the margin ratio as a number
 * and a bar coloured by risk, then the balances that make it, each in its currency.
 */
import type { AccountFigures } from '../../../shared/account';
import { formatPnl } from '../../../shared/format';
import { balanceText } from '../figures';
import { toneOf } from '../table/cells';
import { marginFill, marginRatioText, marginRisk, type MarginRisk } from './margin-risk';

const RISK_WORD: Record<MarginRisk, string> = {
  none: 'nothing at stake',
  safe: 'safe',
  warning: 'at or above your alert threshold',
  danger: 'close to liquidation',
};

interface Props {
  /** "Cross" or "Whole account": names the block and its figures' test ids. */
  readonly title: string;
  /** One line under the title: what this ratio means. */
  readonly caption: string;
  readonly figures: AccountFigures;
  readonly thresholdPct: number;
  readonly testId: string;
}

export function AccountFiguresBlock({ title, caption, figures, thresholdPct, testId }: Props) {
  const risk = marginRisk(figures.marginRatioPct, thresholdPct);
  const ratio = marginRatioText(figures.marginRatioPct);
  const { currency } = figures;
  return (
    <section className={`account-block margin-risk-${risk}`} aria-label={`${title} margin`} data-testid={testId} data-risk={risk}>
      <header className="account-block-head">
        <h3 className="account-block-title">{title} margin ratio</h3>
        <span className="account-block-caption">{caption}</span>
      </header>
      <div className="account-ratio-line">
        <span className={`account-ratio margin-risk-text-${risk}`} data-testid={`${testId}-ratio`}>
          {ratio}
        </span>
        <MarginBar ratioPct={figures.marginRatioPct} thresholdPct={thresholdPct} risk={risk} label={`${title} margin ratio`} testId={`${testId}-bar`} />
      </div>
      <dl className="account-figures">
        <Item label="Margin balance" value={balanceText(figures.marginBalance, currency)} testId={`${testId}-margin-balance`} />
        <Item label="Maint. margin" value={balanceText(figures.maintMargin, currency)} testId={`${testId}-maint-margin`} />
        <Item label="Available" value={balanceText(figures.availableBalance, currency)} testId={`${testId}-available`} />
        <Item label="Wallet balance" value={balanceText(figures.walletBalance, currency)} testId={`${testId}-wallet`} />
        <Item
          label="Unrealised PnL"
          value={`${formatPnl(figures.unrealizedProfit)} ${currency}`}
          tone={toneOf(figures.unrealizedProfit)}
          testId={`${testId}-upnl`}
        />
        <Item label="Initial margin" value={balanceText(figures.initialMargin, currency)} testId={`${testId}-initial-margin`} />
      </dl>
    </section>
  );
}

/**
 * The ratio's way to 100 % (liquidation), with a tick at the user's alert threshold. A meter, so a
 * screen reader reads the value and its band.
 */
function MarginBar({ ratioPct, thresholdPct, risk, label, testId }: { ratioPct: number | null; thresholdPct: number; risk: MarginRisk; label: string; testId: string }) {
  const fill = marginFill(ratioPct);
  return (
    <span
      className={`margin-bar margin-bar-${risk}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={ratioPct === null ? 0 : Math.min(100, ratioPct)}
      aria-valuetext={ratioPct === null ? 'no margin at stake' : `${marginRatioText(ratioPct)}, ${RISK_WORD[risk]}`}
      data-testid={testId}
      data-risk={risk}
    >
      <span className="margin-bar-fill" style={{ width: `${(fill * 100).toFixed(1)}%` }} />
      <span className="margin-bar-threshold" style={{ left: `${Math.min(100, thresholdPct)}%` }} title={`Your alert threshold: ${thresholdPct}%`} />
    </span>
  );
}

function Item({ label, value, tone, testId }: { label: string; value: string; tone?: string | undefined; testId: string }) {
  // The currency in a smaller face after the number: named on every figure, yet the six fit one row.
  const at = value.lastIndexOf(' ');
  return (
    <div className="account-item">
      <dt>{label}</dt>
      <dd className={tone} data-testid={testId}>
        {at < 0 ? value : value.slice(0, at)}
        {at >= 0 && <span className="account-unit">{value.slice(at)}</span>}
      </dd>
    </div>
  );
}
