import { describe, expect, it } from 'vitest';
import { AlertBook } from '../../../electron/desk/alerts';
import type { Alert } from '../../../shared/alerts';
import type { PositionRow } from '../../../shared/position';

function row(key: string, distancePct: number | null, amount = '1'): PositionRow {
  const [symbol = 'BTCUSDT', side = 'BOTH'] = key.split(':');
  return {
    key,
    symbol,
    positionSide: side as PositionRow['positionSide'],
    positionAmt: amount,
    derived: { liquidationDistancePct: distancePct },
  } as PositionRow;
}

describe('AlertBook', () => {
  it('raises once when a position enters the threshold, and again only after it clearly left', () => {
    const raised: Alert[] = [];
    const changes: Alert[][] = [];
    const book = new AlertBook({ onChange: (alerts) => changes.push(alerts), onRaise: (alert) => raised.push(alert) }, () => 1_000);
    book.checkProximity([row('BTCUSDT:BOTH', 8)], 5);
    expect(raised).toEqual([]);
    book.checkProximity([row('BTCUSDT:BOTH', 4.9)], 5);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ id: 'liquidation-proximity:BTCUSDT:BOTH', kind: 'liquidation-proximity', severity: 'warning', key: 'BTCUSDT:BOTH' });
    expect(raised[0]!.message).toContain('BTCUSDT long is 4.90% from its liquidation price');
    // Hovering around the threshold does not re-alert...
    book.checkProximity([row('BTCUSDT:BOTH', 5.5)], 5);
    book.checkProximity([row('BTCUSDT:BOTH', 4.8)], 5);
    expect(raised).toHaveLength(1);
    // ...leaving the zone by the hysteresis margin re-arms it.
    book.checkProximity([row('BTCUSDT:BOTH', 6.5)], 5);
    expect(book.list()).toEqual([]);
    // The whole set is published each time it changes: raised, then cleared.
    expect(changes.map((set) => set.length)).toEqual([1, 0]);
    book.checkProximity([row('BTCUSDT:BOTH', 2)], 5);
    expect(raised).toHaveLength(2);
    expect(raised[1]!.severity).toBe('critical');
  });

  it('drops the alert of a position that closed, and ignores rows without a liquidation price', () => {
    const book = new AlertBook({ onChange: () => undefined }, () => 1);
    book.checkProximity([row('ETHUSDT:SHORT', 1, '-2'), row('SOLUSDT:BOTH', null)], 5);
    expect(book.list().map((a) => a.key)).toEqual(['ETHUSDT:SHORT']);
    expect(book.list()[0]!.message).toContain('ETHUSDT short');
    book.checkProximity([], 5);
    expect(book.list()).toEqual([]);
  });

  it('keeps other alerts until their kind is cleared', () => {
    const book = new AlertBook({ onChange: () => undefined }, () => 1);
    book.raise({ id: 'auth-failed', kind: 'auth-failed', severity: 'critical', symbol: null, key: null, message: 'x' });
    book.checkProximity([], 5);
    expect(book.list()).toHaveLength(1);
    book.clearKind('auth-failed');
    expect(book.list()).toEqual([]);
  });
});
