import { describe, expect, it } from 'vitest';
import type { PositionRow, PositionsView } from '../../../shared/position';
import { applyPositionsPush, diffViews } from '../../../shared/positions-delta';
import { positionsPushSchema } from '../../../shared/positions-push';

function row(symbol: string, amount: string, markPrice = '100'): PositionRow {
  return {
    symbol,
    positionSide: 'BOTH',
    positionAmt: amount,
    entryPrice: '100',
    breakEvenPrice: '100.04',
    markPrice,
    unRealizedProfit: '0',
    liquidationPrice: '0',
    leverage: '10',
    maxNotionalValue: '1000000',
    marginType: 'cross',
    isolatedMargin: '0',
    isAutoAddMargin: 'false',
    notional: '100',
    isolatedWallet: '0',
    updateTime: 1,
    key: `${symbol}:BOTH`,
    derived: {
      markPrice,
      markTime: 1,
      unrealizedPnl: 0,
      notional: 100,
      roePct: 0,
      margin: 10,
      maintMargin: null,
      marginRatioPct: null,
      liquidationDistancePct: null,
      liquidationDistance: null,
    },
    snapshotAt: 1,
    markAt: null,
  };
}

function view(version: number, rows: PositionRow[]): PositionsView {
  return {
    version,
    selectedSymbol: null,
    mode: 'oneway',
    rows,
    selectedMark: null,
    snapshotAt: 1,
    openSymbols: rows.map((row) => row.symbol),
    hedgeNets: [],
    summary: { positions: rows.length, unrealizedPnl: 0, notional: 0, worstLiquidationDistancePct: null, worstKey: null },
  };
}

describe('positions deltas', () => {
  const btc = row('BTCUSDT', '1');
  const eth = row('ETHUSDT', '2');
  const sol = row('SOLUSDT', '3');
  const before = view(1, [btc, eth, sol]);
  const ethMoved = row('ETHUSDT', '2', '101');
  const xrp = row('XRPUSDT', '-5');
  const after = view(2, [btc, ethMoved, xrp]);

  it('carries only changed rows and removals, and round-trips to the new view', () => {
    const delta = diffViews(before, after);
    expect(delta.kind).toBe('delta');
    if (delta.kind !== 'delta') return;
    expect(delta.upserts.map((r) => r.key)).toEqual(['ETHUSDT:BOTH', 'XRPUSDT:BOTH']);
    expect(delta.removed).toEqual(['SOLUSDT:BOTH']);
    expect(positionsPushSchema.parse(delta)).toEqual(delta);
    const applied = applyPositionsPush(before, delta);
    expect(applied).toEqual(after);
    // The unchanged row keeps its identity, so a memoised table row does not re-render.
    expect(applied?.rows[0]).toBe(btc);
  });

  it('refuses a delta built on another version (the receiver must resync)', () => {
    const delta = diffViews(before, after);
    expect(applyPositionsPush(view(7, [btc]), delta)).toBeNull();
    expect(applyPositionsPush(null, delta)).toBeNull();
  });

  it('applies a full view whatever the receiver holds', () => {
    expect(applyPositionsPush(null, { kind: 'full', view: after })).toBe(after);
  });
});
