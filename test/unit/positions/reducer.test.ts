import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMarkPrice, applySnapshot, EMPTY_STATE, type PositionsState } from '../../../electron/positions/reducer';
import { buildView } from '../../../electron/positions/view';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

function exchangeRow(symbol: string, side: 'BOTH' | 'LONG' | 'SHORT', amount: string, mark = '100'): ExchangePosition {
  return v1Row({
    symbol,
    positionSide: side,
    positionAmt: amount,
    entryPrice: amount === '0' ? '0.0' : '100',
    breakEvenPrice: '0.0',
    markPrice: mark,
    unRealizedProfit: '0.00000000',
    isolatedMargin: '0.00000000',
    updateTime: 1,
  });
}

const snapshot = (rows: ExchangePosition[], serverTime = 1_000, symbol: string | null = null) => ({
  rows,
  receivedAt: serverTime,
  serverTime,
  symbol,
});

describe('position reducer', () => {
  const oneway = [exchangeRow('BTCUSDT', 'BOTH', '0.5'), exchangeRow('ETHUSDT', 'BOTH', '-2'), exchangeRow('SOLUSDT', 'BOTH', '0')];

  it('keeps only open rows, keyed by symbol and side', () => {
    const state = applySnapshot(EMPTY_STATE, snapshot(oneway));
    expect([...state.rows.keys()].sort()).toEqual(['BTCUSDT:BOTH', 'ETHUSDT:BOTH']);
  });

  it('is idempotent: the same snapshot again keeps every row object', () => {
    const first = applySnapshot(EMPTY_STATE, snapshot(oneway));
    const second = applySnapshot(first, snapshot(oneway));
    for (const [key, row] of first.rows) expect(second.rows.get(key)).toBe(row);
  });

  it('a mark tick re-prices only its symbol, and an older tick changes nothing', () => {
    const state = applySnapshot(EMPTY_STATE, snapshot(oneway));
    const ticked = applyMarkPrice(state, { symbol: 'BTCUSDT', markPrice: '110', eventTime: 2_000 }, 2_001);
    expect(ticked.rows.get('BTCUSDT:BOTH')?.derived.unrealizedPnl).toBeCloseTo(5, 10);
    expect(ticked.rows.get('BTCUSDT:BOTH')?.markAt).toBe(2_001);
    expect(ticked.rows.get('ETHUSDT:BOTH')).toBe(state.rows.get('ETHUSDT:BOTH'));
    const stale = applyMarkPrice(ticked, { symbol: 'BTCUSDT', markPrice: '90', eventTime: 1_500 }, 2_002);
    expect(stale).toBe(ticked);
    expect(applyMarkPrice(ticked, { symbol: 'BTCUSDT', markPrice: '110', eventTime: 2_000 }, 2_003)).toBe(ticked);
  });

  it('a snapshot does not take the mark back behind a newer streamed one', () => {
    const state = applySnapshot(EMPTY_STATE, snapshot(oneway, 1_000));
    const ticked = applyMarkPrice(state, { symbol: 'BTCUSDT', markPrice: '120', eventTime: 3_000 }, 3_000);
    const resnapped = applySnapshot(ticked, snapshot(oneway, 2_000));
    expect(resnapped.rows.get('BTCUSDT:BOTH')?.derived.markPrice).toBe('120');
    // ...and the row keeps the age of that tick rather than forgetting it.
    expect(resnapped.rows.get('BTCUSDT:BOTH')?.markAt).toBe(3_000);
    expect(resnapped.rows.get('ETHUSDT:BOTH')?.markAt).toBeNull();
  });

  it('a symbol snapshot replaces only that symbol and a flat row leaves the view', () => {
    const state = applySnapshot(EMPTY_STATE, snapshot(oneway));
    const closed = applySnapshot(state, snapshot([exchangeRow('BTCUSDT', 'BOTH', '0')], 2_000, 'BTCUSDT'));
    expect([...closed.rows.keys()]).toEqual(['ETHUSDT:BOTH']);
    expect(closed.rows.get('ETHUSDT:BOTH')).toBe(state.rows.get('ETHUSDT:BOTH'));
  });

  it('hedge legs are separate rows ordered LONG then SHORT, and the mode is hedge', () => {
    const hedge = [exchangeRow('BTCUSDT', 'SHORT', '-0.08'), exchangeRow('BTCUSDT', 'LONG', '0.15'), exchangeRow('ETHUSDT', 'SHORT', '0')];
    const view = buildView(applySnapshot(EMPTY_STATE, snapshot(hedge)), null, 1, 1);
    expect(view.rows.map((row) => row.key)).toEqual(['BTCUSDT:LONG', 'BTCUSDT:SHORT']);
    expect(view.mode).toBe('hedge');
    expect(buildView(applySnapshot(EMPTY_STATE, snapshot(hedge)), 'ETHUSDT', 1, 1).rows).toEqual([]);
  });

  it('property: any interleaving of ticks ends at the newest mark, whatever the order', () => {
    const base = applySnapshot(EMPTY_STATE, snapshot(oneway, 0));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (times) => {
          let state: PositionsState = base;
          for (const time of times) {
            state = applyMarkPrice(state, { symbol: 'BTCUSDT', markPrice: String(time), eventTime: time }, time);
          }
          const newest = Math.max(...times);
          expect(state.rows.get('BTCUSDT:BOTH')?.derived.markPrice).toBe(String(newest));
          expect(state.marks.get('BTCUSDT')?.eventTime).toBe(newest);
        },
      ),
      { numRuns: 300 },
    );
  });
});
