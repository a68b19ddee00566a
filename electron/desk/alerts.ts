/**
 * Alerts: a position whose mark comes within the user's threshold of its liquidation price, margin
 * calls, and link failures the trader must act on. Each condition has a stable id; an alert stays in
 * force until its condition clears. A position re-alerts only after it has moved clearly out of the
 * zone (hysteresis), so a mark hovering at the threshold does not flood the trader.
 */
import type { AccountFigures, AccountView } from '../../shared/account';
import type { Alert } from '../../shared/alerts';
import type { PositionRow } from '../../shared/position';

/** A proximity alert clears once the distance is this many times the threshold. */
const REARM_FACTOR = 1.25;

/** The account margin ratio alert clears once the ratio is this many points below the threshold. */
export const MARGIN_RATIO_REARM_POINTS = 5;
/** At or above this ratio (or the threshold, if higher) the account alert is critical: liquidation is at 100. */
export const MARGIN_RATIO_CRITICAL_PCT = 90;
export const ACCOUNT_MARGIN_RATIO_ALERT_ID = 'account-margin-ratio';

/**
 * The figures the account is liquidated by: the cross part (what every cross position depends on),
 * or under Multi-Assets the whole account in USD.
 */
export function accountRiskFigures(account: AccountView): AccountFigures {
  return account.multiAssets ? account.total : account.cross;
}

export interface AlertBookEvents {
  /** The set of alerts in force changed (raised, replaced or cleared): here is the whole set. */
  onChange: (alerts: Alert[]) => void;
  /** A new alert was raised (for a native notification). */
  onRaise?: (alert: Alert) => void;
}

export class AlertBook {
  private readonly active = new Map<string, Alert>();

  constructor(
    private readonly events: AlertBookEvents,
    private readonly now: () => number,
  ) {}

  /** Alerts in force, oldest first. */
  list(): Alert[] {
    return [...this.active.values()];
  }

  /** Checks every row against the threshold (percent of the mark). */
  checkProximity(rows: Iterable<PositionRow>, thresholdPct: number): void {
    const seen = new Set<string>();
    let changed = false;
    for (const row of rows) {
      const id = `liquidation-proximity:${row.key}`;
      seen.add(id);
      const distance = row.derived.liquidationDistancePct;
      const inForce = this.active.has(id);
      if (distance !== null && distance <= thresholdPct && !inForce) {
        changed = true;
        this.add({
          id,
          kind: 'liquidation-proximity',
          severity: distance <= thresholdPct / 2 ? 'critical' : 'warning',
          symbol: row.symbol,
          key: row.key,
          message: `${row.symbol} ${row.positionSide === 'BOTH' ? (Number(row.positionAmt) > 0 ? 'long' : 'short') : row.positionSide.toLowerCase()} is ${distance.toFixed(2)}% from its liquidation price.`,
        });
      } else if (inForce && (distance === null || distance > thresholdPct * REARM_FACTOR)) {
        changed = this.active.delete(id) || changed;
      }
    }
    // Closed positions take their alerts with them.
    for (const id of this.active.keys()) {
      if (id.startsWith('liquidation-proximity:') && !seen.has(id)) changed = this.active.delete(id) || changed;
    }
    if (changed) this.events.onChange(this.list());
  }

  /**
   * Checks the account's margin ratio against the user's threshold (percent): raised at or above
   * it, critical from MARGIN_RATIO_CRITICAL_PCT (or the threshold, if higher), raised again when it
   * turns critical, cleared only below the threshold less MARGIN_RATIO_REARM_POINTS (hysteresis) or
   * when nothing is at stake.
   */
  checkAccount(account: AccountView | null, thresholdPct: number): void {
    const id = ACCOUNT_MARGIN_RATIO_ALERT_ID;
    const held = this.active.get(id);
    const figures = account === null ? null : accountRiskFigures(account);
    const ratio = figures?.marginRatioPct ?? null;
    if (figures === null || ratio === null || ratio < thresholdPct - MARGIN_RATIO_REARM_POINTS) {
      // No read yet (a new session clears every alert itself): an alert in force stays until a ratio says otherwise.
      if (held !== undefined && figures !== null) {
        this.active.delete(id);
        this.events.onChange(this.list());
      }
      return;
    }
    const severity = ratio >= Math.max(MARGIN_RATIO_CRITICAL_PCT, thresholdPct) ? 'critical' : 'warning';
    if (ratio < thresholdPct && held === undefined) return; // between the rearm line and the threshold
    if (held !== undefined && (held.severity === severity || severity === 'warning')) return;
    this.raise({ id, kind: 'account-margin-ratio', severity, symbol: null, key: null, message: accountRatioMessage(figures, ratio, account!.multiAssets) });
  }

  /** Raises (or replaces) an alert that is not about proximity. */
  raise(alert: Omit<Alert, 'at'>): void {
    this.add(alert);
    this.events.onChange(this.list());
  }

  /** Clears every alert of a kind (e.g. the auth failure once connected again). */
  clearKind(kind: Alert['kind']): void {
    let changed = false;
    for (const [id, alert] of this.active) if (alert.kind === kind) changed = this.active.delete(id) || changed;
    if (changed) this.events.onChange(this.list());
  }

  clearAll(): void {
    if (this.active.size === 0) return;
    this.active.clear();
    this.events.onChange(this.list());
  }

  private add(alert: Omit<Alert, 'at'>): void {
    const full: Alert = { ...alert, at: this.now() };
    this.active.delete(full.id); // re-insert so the newest is last
    this.active.set(full.id, full);
    this.events.onRaise?.(full);
  }
}

/** "Account margin ratio 84.20 % (cross): margin balance 1,234.56 USDT, maintenance margin 1,039.50 USDT…". */
function accountRatioMessage(figures: AccountFigures, ratio: number, multiAssets: boolean): string {
  const money = (value: number): string => `${value.toFixed(2)} ${figures.currency}`;
  const part = multiAssets ? 'Multi-Assets, in USD' : 'cross';
  return (
    `Account margin ratio ${ratio.toFixed(2)} % (${part}): margin balance ${money(figures.marginBalance)}, ` +
    `maintenance margin ${money(figures.maintMargin)}. Cross positions are liquidated at 100 %: add margin or reduce them.`
  );
}
