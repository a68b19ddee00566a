import { describe, expect, it } from 'vitest';
import { applySnapshot, EMPTY_STATE } from '../../../electron/positions/reducer';
import { buildView } from '../../../electron/positions/view';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

function row(symbol: string, side: 'BOTH' | 'LONG' | 'SHORT', amount: string, entry: string, mark: string, liq = '0'): ExchangePosition {
  return v1Row({
    symbol,
    positionSide: side,
    positionAmt: amount,
    entryPrice: entry,
    breakEvenPrice: entry,
    markPrice: mark,
    liquidationPrice: liq,
    updateTime: 1,
  });
}

describe('positions view', () => {
  const hedge = [
    row('BTCUSDT', 'LONG', '0.15', '100000', '101000', '80000'),
    row('BTCUSDT', 'SHORT', '-0.08', '102000', '101000', '80000'),
    row('ETHUSDT', 'LONG', '2', '3000', '2950', '2900'),
    row('ETHUSDT', 'SHORT', '0', '0.0', '2950'),
  ];
  const state = applySnapshot(EMPTY_STATE, { rows: hedge, receivedAt: 1, serverTime: 1, symbol: null });

  it('nets the legs of each hedge symbol', () => {
    const view = buildView(state, null, 1, 1);
    expect(view.hedgeNets).toHaveLength(2);
    const btc = view.hedgeNets[0]!;
    expect(btc.symbol).toBe('BTCUSDT');
    expect(btc.netAmount).toBeCloseTo(0.07, 12);
    expect(btc.netUnrealizedPnl).toBeCloseTo(0.15 * 1000 + -0.08 * -1000, 8);
    expect(btc.netNotional).toBeCloseTo(0.07 * 101000, 8);
    expect(view.hedgeNets[1]).toMatchObject({ symbol: 'ETHUSDT', netAmount: 2 });
  });

  it('totals the rows in view and names the one closest to liquidation', () => {
    const view = buildView(state, null, 1, 1);
    expect(view.summary.positions).toBe(3);
    expect(view.summary.notional).toBeCloseTo(0.15 * 101000 + 0.08 * 101000 + 2 * 2950, 6);
    expect(view.summary.unrealizedPnl).toBeCloseTo(150 + 80 - 100, 8);
    // Cross hedge legs share the symbol's price: BTC legs (101000 − 80000) / 101000 = 20.8 % each,
    // ETH long (2950 − 2900) / 2950 = 1.69 %: the worst.
    expect(view.rows.find((r) => r.key === 'BTCUSDT:SHORT')?.derived.liquidationDistancePct).toBeCloseTo(20.792, 2);
    expect(view.summary.worstKey).toBe('ETHUSDT:LONG');
    expect(view.summary.worstLiquidationDistancePct).toBeCloseTo((50 / 2950) * 100, 8);
  });

  it('lists every open symbol even when one is selected', () => {
    const view = buildView(state, 'ETHUSDT', 1, 1);
    expect(view.rows.map((r) => r.key)).toEqual(['ETHUSDT:LONG']);
    expect(view.openSymbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(view.summary.positions).toBe(1);
  });
});
