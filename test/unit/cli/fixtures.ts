/** Views built by the real reducer and view builder, for the CLI's output tests. */
import { applyMarkPrice, applySnapshot, EMPTY_STATE, type PositionsState } from '../../../electron/positions/reducer';
import { buildView } from '../../../electron/positions/view';
import type { AccountView } from '../../../shared/account';
import type { ExchangePosition, PositionsView } from '../../../shared/position';

export function v1Row(
  symbol: string,
  side: 'BOTH' | 'LONG' | 'SHORT',
  amount: string,
  entry: string,
  mark: string,
  extra: Partial<ExchangePosition> = {},
): ExchangePosition {
  return {
    symbol,
    positionSide: side,
    positionAmt: amount,
    entryPrice: entry,
    breakEvenPrice: entry,
    markPrice: mark,
    unRealizedProfit: '0.00000000',
    liquidationPrice: '0',
    leverage: '10',
    maxNotionalValue: '1000000',
    marginType: 'cross',
    isolatedMargin: '0.00000000',
    isAutoAddMargin: 'false',
    notional: '0',
    isolatedWallet: '0',
    updateTime: 1_700_000_000_000,
    ...extra,
  };
}

export const ONEWAY_ROWS: ExchangePosition[] = [
  v1Row('ETHUSDT', 'BOTH', '-2.500', '3100.00', '3000.12345678', { liquidationPrice: '3500.5', marginType: 'isolated', isolatedWallet: '800', leverage: '20' }),
  v1Row('BTCUSDT', 'BOTH', '0.150', '100000.10', '101000.05000000', { liquidationPrice: '80000.1', unRealizedProfit: '134.99250000' }),
  v1Row('XRPUSDT', 'BOTH', '0.0', '0.0', '0.61230000'),
];

export const HEDGE_ROWS: ExchangePosition[] = [
  v1Row('BTCUSDT', 'LONG', '0.150', '100000', '101000', { liquidationPrice: '80000' }),
  v1Row('BTCUSDT', 'SHORT', '-0.080', '102000', '101000', { liquidationPrice: '80000' }),
  v1Row('ETHUSDT', 'LONG', '0', '0.0', '3000'),
  v1Row('ETHUSDT', 'SHORT', '0', '0.0', '3000'),
];

/** A view after a snapshot at `at` and, optionally, mark ticks at `at + 500`. */
export function viewOf(rows: ExchangePosition[], at: number, ticks: Array<[string, string]> = [], selected: string | null = null): PositionsView {
  let state: PositionsState = applySnapshot(EMPTY_STATE, { rows, receivedAt: at, serverTime: at, symbol: null });
  // Selecting a symbol re-reads it with `symbol` (as the engine does), which keeps its mark even when flat.
  if (selected !== null) {
    const selectedRows = rows.filter((row) => row.symbol === selected);
    state = applySnapshot(state, { rows: selectedRows, receivedAt: at, serverTime: at, symbol: selected });
  }
  for (const [symbol, markPrice] of ticks) state = applyMarkPrice(state, { symbol, markPrice, eventTime: at + 400 }, at + 500);
  return buildView(state, selected, 1, at);
}

/**
 * `view` with `symbol`'s rows as an ACCOUNT_UPDATE leaves them until the next snapshot: the held
 * liquidation price stale (`liquidationPending`) and no distance derived from it.
 */
export function withLiquidationPending(view: PositionsView, symbol: string): PositionsView {
  return {
    ...view,
    rows: view.rows.map((row) =>
      row.symbol !== symbol
        ? row
        : { ...row, liquidationPending: true, derived: { ...row.derived, liquidationDistancePct: null, liquidationDistance: null } },
    ),
  };
}

/** An account as main derives it (shared/account.ts): single-asset USDT, one cross and one isolated position. */
export function accountView(at: number, overrides: Partial<AccountView> = {}): AccountView {
  const figures = (currency: string, scale = 1): AccountView['total'] => ({
    currency,
    walletBalance: 12_000 * scale,
    unrealizedProfit: 150.5 * scale,
    marginBalance: 12_150.5 * scale,
    maintMargin: 2_430.1 * scale,
    initialMargin: 3_000 * scale,
    availableBalance: 8_350.25 * scale,
    marginRatioPct: 20,
  });
  return {
    multiAssets: false,
    total: figures('USDT'),
    cross: { ...figures('USDT', 0.9), marginRatioPct: 22.5 },
    assets: [figures('USDT')],
    readAt: at,
    updatedAt: at + 400,
    ...overrides,
  };
}

/** The view with an account read in it. */
export function withAccount(view: PositionsView, at: number): PositionsView {
  return { ...view, account: accountView(at) };
}
