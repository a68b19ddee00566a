import { describe, expect, it } from 'vitest';
import { applyAccountUpdate, applyLeverage } from '../../../electron/positions/account-update';
import { applyMarkPrice, applySnapshot, EMPTY_STATE } from '../../../electron/positions/reducer';
import { refreshDelay } from '../../../electron/positions/refresh-policy';
import type { AccountUpdatePosition } from '../../../electron/exchange/user-events';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

function v1(symbol: string, side: 'BOTH' | 'LONG' | 'SHORT', amount: string, updateTime: number): ExchangePosition {
  return v1Row({
    symbol,
    positionSide: side,
    positionAmt: amount,
    entryPrice: '100',
    breakEvenPrice: '100.08',
    markPrice: '100',
    liquidationPrice: '80',
    notional: '100',
    updateTime,
  });
}

function change(symbol: string, side: 'BOTH' | 'LONG' | 'SHORT', amount: string, entry = '101'): AccountUpdatePosition {
  return { s: symbol, ps: side, pa: amount, ep: entry, bep: entry, up: '0', mt: 'cross', iw: '0' };
}

const base = applySnapshot(EMPTY_STATE, {
  rows: [v1('BTCUSDT', 'BOTH', '1', 1_000), v1('ETHUSDT', 'BOTH', '-2', 1_000)],
  receivedAt: 1_000,
  serverTime: 1_000,
  symbol: null,
});

describe('ACCOUNT_UPDATE merge', () => {
  it('merges only the changed rows, keeping leverage and liquidation price, re-deriving at the mark', () => {
    const ticked = applyMarkPrice(base, { symbol: 'BTCUSDT', markPrice: '110', eventTime: 1_500 }, 1_500);
    const next = applyAccountUpdate(ticked, [change('BTCUSDT', 'BOTH', '2', '105')], 2_000, 2_001);
    const btc = next.rows.get('BTCUSDT:BOTH')!;
    expect(btc).toMatchObject({ positionAmt: '2', entryPrice: '105', leverage: '10', liquidationPrice: '80', updateTime: 2_000 });
    expect(btc.derived.unrealizedPnl).toBeCloseTo(2 * (110 - 105), 10);
    expect(next.rows.get('ETHUSDT:BOTH')).toBe(ticked.rows.get('ETHUSDT:BOTH'));
  });

  it('a flat row leaves the open set; an event older than the held row changes nothing; replays are no-ops', () => {
    const closed = applyAccountUpdate(base, [change('ETHUSDT', 'BOTH', '0', '0')], 2_000, 2_000);
    expect([...closed.rows.keys()]).toEqual(['BTCUSDT:BOTH']);
    expect(applyAccountUpdate(base, [change('BTCUSDT', 'BOTH', '9')], 500, 2_000)).toBe(base);
    const once = applyAccountUpdate(base, [change('BTCUSDT', 'BOTH', '3')], 2_000, 2_000);
    const twice = applyAccountUpdate(once, [change('BTCUSDT', 'BOTH', '3')], 2_000, 2_000);
    expect(twice.rows.get('BTCUSDT:BOTH')?.positionAmt).toBe('3');
    expect(applyAccountUpdate(twice, [change('BTCUSDT', 'BOTH', '1')], 1_999, 2_000)).toBe(twice);
  });

  it('a position opened on the stream borrows leverage from its other leg; its liquidation price waits for a snapshot', () => {
    const hedge = applySnapshot(EMPTY_STATE, { rows: [v1('BTCUSDT', 'LONG', '1', 1_000)], receivedAt: 1, serverTime: 1, symbol: null });
    const opened = applyAccountUpdate(hedge, [change('BTCUSDT', 'SHORT', '-0.5', '102')], 2_000, 2_000);
    expect(opened.rows.get('BTCUSDT:SHORT')).toMatchObject({ leverage: '10', liquidationPrice: '0', positionAmt: '-0.5' });
  });

  it('a leverage change re-derives ROE on the symbol rows only', () => {
    const changed = applyLeverage(base, 'BTCUSDT', 20);
    expect(changed.rows.get('BTCUSDT:BOTH')?.leverage).toBe('20');
    expect(changed.rows.get('ETHUSDT:BOTH')).toBe(base.rows.get('ETHUSDT:BOTH'));
    expect(applyLeverage(changed, 'BTCUSDT', 20)).toBe(changed);
  });
});

describe('refresh policy', () => {
  it('slows the snapshot cadence as the weight budget fills', () => {
    expect(refreshDelay(5_000, null)).toBe(5_000);
    expect(refreshDelay(5_000, 0.3)).toBe(5_000);
    expect(refreshDelay(5_000, 0.6)).toBe(10_000);
    expect(refreshDelay(5_000, 0.8)).toBe(20_000);
    expect(refreshDelay(5_000, 0.95)).toBe(60_000);
  });
});
