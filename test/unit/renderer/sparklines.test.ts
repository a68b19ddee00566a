import { describe, expect, it } from 'vitest';
import { addSample, recordRows, SPARK_LIMIT, SPARK_WINDOW_MS, sparkPoints } from '../../../renderer/store/sparklines';
import { positionRow, withDerived } from './fake-api';

describe('sparkline buffers', () => {
  it('samples at most once a second', () => {
    const one = addSample(undefined, 1_000, 1);
    expect(addSample(one, 1_500, 2)).toBe(one);
    expect(addSample(one, 2_000, 3).map((s) => s.value)).toEqual([1, 3]);
  });

  it('is bounded: the oldest samples drop off', () => {
    let series = addSample(undefined, 0, 0);
    for (let i = 1; i < SPARK_LIMIT + 20; i += 1) series = addSample(series, i * 1_000, i);
    expect(series).toHaveLength(SPARK_LIMIT);
    expect(series[0]!.value).toBe(20);
    expect(series[series.length - 1]!.value).toBe(SPARK_LIMIT + 19);
  });

  it('records only the rows that changed, and keeps the map when none did', () => {
    const btc = positionRow('BTCUSDT', 'BOTH', '1');
    const eth = positionRow('ETHUSDT', 'BOTH', '1');
    const first = recordRows(new Map(), null, [btc, eth], 1_000);
    expect([...first.keys()]).toEqual(['BTCUSDT:BOTH', 'ETHUSDT:BOTH']);

    const movedBtc = withDerived(btc, { unrealizedPnl: 9 });
    const second = recordRows(first, [btc, eth], [movedBtc, eth], 3_000);
    expect(second.get('BTCUSDT:BOTH')!.map((s) => s.value)).toEqual([5, 9]);
    expect(second.get('ETHUSDT:BOTH')).toBe(first.get('ETHUSDT:BOTH'));

    expect(recordRows(second, [movedBtc, eth], [movedBtc, eth], 9_000)).toBe(second);
  });

  it('keeps the history of a row out of view for a while, then drops it', () => {
    const btc = positionRow('BTCUSDT', 'BOTH', '1');
    const eth = positionRow('ETHUSDT', 'BOTH', '1');
    const both = recordRows(new Map(), null, [btc, eth], 0);
    const onlyEth = withDerived(eth, { unrealizedPnl: 1 });
    const soon = recordRows(both, [btc, eth], [onlyEth], 5_000);
    expect(soon.has('BTCUSDT:BOTH')).toBe(true);
    const later = recordRows(soon, [onlyEth], [withDerived(eth, { unrealizedPnl: 2 })], SPARK_WINDOW_MS + 1_000);
    expect(later.has('BTCUSDT:BOTH')).toBe(false);
  });

  it('draws the series and the live value across the width, scaled to their range', () => {
    const series = [
      { at: 0, value: 0 },
      { at: 1_000, value: 10 },
    ];
    expect(sparkPoints(series, 5, 100, 12)).toBe('0,11 50,1 100,6');
    expect(sparkPoints(undefined, 5, 100, 12)).toBe('');
    expect(sparkPoints([{ at: 0, value: 3 }], 3, 10, 10)).toBe('0,5 10,5');
  });
});
