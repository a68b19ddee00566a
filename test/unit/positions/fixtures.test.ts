import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replyEnvelopeSchema, parseAccountPositionResult } from '../../../electron/exchange/wire';
import { applySnapshot, EMPTY_STATE } from '../../../electron/positions/reducer';
import { buildView } from '../../../electron/positions/view';
import { formatPrice } from '../../../shared/format';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'));
}

function snapshotOf(name: string) {
  const reply = replyEnvelopeSchema.parse(fixture(name));
  expect(reply.status).toBe(200);
  return parseAccountPositionResult(reply.result);
}

describe('the documented account.position replies', () => {
  it('one-way: a BOTH row that is flat leaves nothing open, and the mode is one-way', () => {
    const rows = snapshotOf('account-position-oneway.json');
    expect(rows).toHaveLength(1);
    const state = applySnapshot(EMPTY_STATE, { rows, receivedAt: 10, serverTime: 1625474304800, symbol: null });
    const view = buildView(state, null, 1, 10);
    expect(view.rows).toEqual([]);
    expect(view.mode).toBe('oneway');
    expect(formatPrice(rows[0]!.liquidationPrice, '0.10')).toBe('—');
  });

  it('hedge: the open LONG leg stays, the flat SHORT leg leaves; zero strings mean "not available"', () => {
    const rows = snapshotOf('account-position-hedge.json');
    const state = applySnapshot(EMPTY_STATE, { rows, receivedAt: 10, serverTime: 1655217461600, symbol: null });
    const view = buildView(state, null, 1, 10);
    expect(view.mode).toBe('hedge');
    expect(view.rows.map((row) => row.key)).toEqual(['BTCUSDT:LONG']);
    const long = view.rows[0]!;
    expect(long.positionAmt).toBe('0.001');
    expect(long.liquidationPrice).toBe('19731.45529116');
    expect(formatPrice(long.liquidationPrice, '0.10')).toBe('19,731.5');
    // The documented reply has breakEvenPrice "0.0" on an open row: shown as not available.
    expect(formatPrice(long.breakEvenPrice, '0.10')).toBe('—');
    // uPnL derived from the reply's own mark equals the exchange's figure.
    expect(long.derived.unrealizedPnl).toBeCloseTo(Number(long.unRealizedProfit), 6);
    expect(long.derived.notional).toBeCloseTo(Number(long.notional), 6);
  });

  it('drops rows that do not match the documented fields and keeps the others (row by row)', () => {
    const rows = (fixture('account-position-hedge.json') as { result: Array<Record<string, unknown>> }).result;
    for (const bad of [{ positionAmt: 1 }, { markPrice: '1e309' }, { positionSide: 'UP' }]) {
      expect(parseAccountPositionResult([{ ...rows[0], ...bad }, rows[1]])).toEqual(parseAccountPositionResult([rows[1]]));
    }
    expect(parseAccountPositionResult([rows[1]])).toHaveLength(1);
    expect(() => parseAccountPositionResult({ rows })).toThrow(/not a list/);
  });
});
