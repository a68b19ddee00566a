/**
 * The stream on the live exchange (PROTOCOL §13.4–13.5): `bep "0"` is unknown, not zero; a resize or
 * flip leaves the liquidation price pending (no distance, so no alert) until a snapshot tells it;
 * updates with one `T` are taken by `E`, then by arrival; a snapshot that lags the stream neither
 * deletes a new position nor resurrects a closed one; per-asset totals under Multi-Assets.
 */
import { describe, expect, it } from 'vitest';
import type { AccountUpdatePosition } from '../../../electron/exchange/user-events';
import { applyAccountUpdate } from '../../../electron/positions/account-update';
import { quoteOf } from '../../../electron/positions/margin-assets';
import { applyMarkPrice, applySnapshot, EMPTY_STATE, forgetObserved } from '../../../electron/positions/reducer';
import { summarize } from '../../../electron/positions/view';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

function v1(symbol: string, amount: string, updateTime: number, liquidationPrice = '80'): ExchangePosition {
  return v1Row({
    symbol,
    positionAmt: amount,
    entryPrice: '100',
    breakEvenPrice: '100.08',
    markPrice: '100',
    liquidationPrice,
    notional: '100',
    updateTime,
  });
}

function change(symbol: string, amount: string, entry = '100', bep = entry): AccountUpdatePosition {
  return { s: symbol, ps: 'BOTH', pa: amount, ep: entry, bep, up: '0', mt: 'cross', iw: '0' };
}

const snapshot = (rows: ExchangePosition[], serverTime: number, lagAllowanceMs = 0) =>
  ({ rows, receivedAt: 5, serverTime, symbol: null, lagAllowanceMs }) as const;

const base = applySnapshot(EMPTY_STATE, snapshot([v1('BTCUSDT', '1', 1_000), v1('ETHUSDT', '0', 0)], 1_000));

describe('break-even "0" on an open position is unknown', () => {
  it('keeps the known break-even; a real value replaces it', () => {
    const kept = applyAccountUpdate(base, [change('BTCUSDT', '1', '100', '0')], 2_000, 6, 2_001);
    expect(kept.rows.get('BTCUSDT:BOTH')?.breakEvenPrice).toBe('100.08');
    const moved = applyAccountUpdate(kept, [change('BTCUSDT', '1', '100', '100.2')], 2_100, 7, 2_101);
    expect(moved.rows.get('BTCUSDT:BOTH')?.breakEvenPrice).toBe('100.2');
  });
});

describe('liquidation price after a resize or a flip', () => {
  it('a flip leaves it pending: no distance, whatever the mark, until a snapshot tells the new price', () => {
    // The long had its liquidation at 80; flipped short, 80 is on the wrong side (−20 % "distance").
    const flipped = applyAccountUpdate(base, [change('BTCUSDT', '-1')], 2_000, 6, 2_001);
    const row = flipped.rows.get('BTCUSDT:BOTH')!;
    expect(row.liquidationPending).toBe(true);
    expect(row.derived.liquidationDistancePct).toBeNull();
    expect(row.derived.liquidationDistance).toBeNull();
    const ticked = applyMarkPrice(flipped, { symbol: 'BTCUSDT', markPrice: '79', eventTime: 2_500 }, 7);
    expect(ticked.rows.get('BTCUSDT:BOTH')?.derived.liquidationDistancePct).toBeNull();
    // The snapshot after the flip carries the short's price: known again, and a distance.
    const refreshed = applySnapshot(ticked, snapshot([{ ...v1('BTCUSDT', '-1', 2_000, '120') }], 3_000));
    const known = refreshed.rows.get('BTCUSDT:BOTH')!;
    expect(known.liquidationPending).toBe(false);
    expect(known.liquidationPrice).toBe('120');
    // The snapshot's mark (100, newer than the tick) against the short's 120: 20 % to go.
    expect(known.derived.liquidationDistancePct).toBeCloseTo(20, 8);
  });

  it('a resize makes it pending; an update that changes no size, entry or margin does not', () => {
    const same = applyAccountUpdate(base, [{ ...change('BTCUSDT', '1'), up: '3' }], 2_000, 6, 2_001);
    expect(same.rows.get('BTCUSDT:BOTH')?.liquidationPending).toBe(false);
    expect(same.rows.get('BTCUSDT:BOTH')?.derived.liquidationDistancePct).not.toBeNull();
    const resized = applyAccountUpdate(same, [change('BTCUSDT', '1.5', '101')], 2_100, 7, 2_101);
    expect(resized.rows.get('BTCUSDT:BOTH')?.liquidationPending).toBe(true);
  });

  it('a position opened on the stream has no liquidation price until the snapshot', () => {
    const opened = applyAccountUpdate(base, [change('ETHUSDT', '2')], 2_000, 6, 2_001);
    const row = opened.rows.get('ETHUSDT:BOTH')!;
    expect(row.liquidationPending).toBe(true);
    expect(row.derived.liquidationDistancePct).toBeNull();
  });
});

describe('updates that share one transaction time', () => {
  it('the second with one T is applied (ordered by E, then by arrival), an earlier E is not', () => {
    const first = applyAccountUpdate(base, [change('BTCUSDT', '2')], 2_000, 6, 2_001);
    const second = applyAccountUpdate(first, [change('BTCUSDT', '3')], 2_000, 7, 2_002);
    expect(second.rows.get('BTCUSDT:BOTH')?.positionAmt).toBe('3');
    const sameE = applyAccountUpdate(second, [change('BTCUSDT', '4')], 2_000, 8, 2_002);
    expect(sameE.rows.get('BTCUSDT:BOTH')?.positionAmt).toBe('4');
    const olderE = applyAccountUpdate(sameE, [change('BTCUSDT', '5')], 2_000, 9, 2_001);
    expect(olderE.rows.get('BTCUSDT:BOTH')?.positionAmt).toBe('4');
    // A snapshot as new as T wins the tie: it has the liquidation price.
    const snap = applySnapshot(olderE, snapshot([v1('BTCUSDT', '4', 2_000, '70')], 2_000));
    expect(snap.rows.get('BTCUSDT:BOTH')).toMatchObject({ liquidationPrice: '70', liquidationPending: false });
    expect(applyAccountUpdate(snap, [change('BTCUSDT', '5')], 2_000, 10, 2_003).rows.get('BTCUSDT:BOTH')?.positionAmt).toBe('4');
  });
});

describe('a snapshot that lags the stream', () => {
  it('does not delete a position the stream opened after the row it shows', () => {
    const opened = applyAccountUpdate(base, [change('ETHUSDT', '2')], 5_000, 6, 5_001);
    // Requested at 5_200 but answered from 4_900: ETH still flat there.
    const lagging = applySnapshot(opened, snapshot([v1('BTCUSDT', '1', 1_000), v1('ETHUSDT', '0', 0)], 5_200, 10_000));
    expect(lagging.rows.get('ETHUSDT:BOTH')?.positionAmt).toBe('2');
    expect(lagging.rows.get('ETHUSDT:BOTH')?.liquidationPending).toBe(true);
    // Once the exchange shows the new row (updateTime = T), it is taken, with its liquidation price.
    const caught = applySnapshot(lagging, snapshot([v1('BTCUSDT', '1', 1_000), { ...v1('ETHUSDT', '2', 5_000, '60') }], 5_400, 10_000));
    expect(caught.rows.get('ETHUSDT:BOTH')).toMatchObject({ liquidationPrice: '60', liquidationPending: false });
  });

  it('does not resurrect a position the stream closed after the row it shows', () => {
    const closed = applyAccountUpdate(base, [change('BTCUSDT', '0')], 5_000, 6, 5_001);
    const lagging = applySnapshot(closed, snapshot([v1('BTCUSDT', '1', 1_000)], 5_200, 10_000));
    expect(lagging.rows.has('BTCUSDT:BOTH')).toBe(false);
  });

  it('after a reconnect the first snapshot is the truth: the old stream may have missed events', () => {
    const opened = applyAccountUpdate(base, [change('ETHUSDT', '2')], 5_000, 6, 5_001);
    const reconnected = applySnapshot(forgetObserved(opened), snapshot([v1('BTCUSDT', '1', 1_000), v1('ETHUSDT', '0', 0)], 5_200, 10_000));
    expect(reconnected.rows.has('ETHUSDT:BOTH')).toBe(false);
    // A stream event after the reconnect is news again, and protected as before.
    const again = applyAccountUpdate(reconnected, [change('ETHUSDT', '3')], 5_300, 7, 5_301);
    expect(applySnapshot(again, snapshot([v1('ETHUSDT', '0', 0)], 5_400, 10_000)).rows.get('ETHUSDT:BOTH')?.positionAmt).toBe('3');
  });

  it('beyond the lag allowance the snapshot is the truth (a close missed while disconnected)', () => {
    const opened = applyAccountUpdate(base, [change('ETHUSDT', '2')], 5_000, 6, 5_001);
    const later = applySnapshot(opened, snapshot([v1('BTCUSDT', '1', 1_000), v1('ETHUSDT', '0', 0)], 16_000, 10_000));
    expect(later.rows.has('ETHUSDT:BOTH')).toBe(false);
  });
});

describe('totals per margin asset (Multi-Assets)', () => {
  it('sums each asset apart and gives no one-currency total when there are several', () => {
    const state = applySnapshot(EMPTY_STATE, snapshot([v1('BTCUSDT', '1', 1), v1('ETHUSDC', '-2', 1)], 10));
    const rows = [...state.rows.values()];
    const summary = summarize(rows, quoteOf);
    expect(summary.byAsset).toEqual([
      { asset: 'USDC', positions: 1, unrealizedPnl: 0, notional: 200 },
      { asset: 'USDT', positions: 1, unrealizedPnl: 0, notional: 100 },
    ]);
    expect(summary.unrealizedPnl).toBeNull();
    expect(summary.notional).toBeNull();
    const one = summarize(rows.filter((row) => row.symbol === 'BTCUSDT'), quoteOf);
    expect(one.notional).toBe(100);
    expect(one.byAsset?.map((totals) => totals.asset)).toEqual(['USDT']);
  });

  it('reads a quote from a name until the symbol list says, delivery suffixes included', () => {
    expect(quoteOf('BTCUSDT_260327')).toBe('USDT');
    expect(quoteOf('ETHUSDC')).toBe('USDC');
    expect(quoteOf('币安人生USDT')).toBe('USDT');
  });
});
