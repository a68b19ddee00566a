import { describe, expect, it } from 'vitest';
import { derive } from '../../../electron/positions/derive';
import type { ExchangePosition } from '../../../shared/position';

function position(overrides: Partial<ExchangePosition>): ExchangePosition {
  return {
    symbol: 'BTCUSDT',
    positionSide: 'BOTH',
    positionAmt: '0',
    entryPrice: '0',
    breakEvenPrice: '0',
    markPrice: '0',
    unRealizedProfit: '0',
    liquidationPrice: '0',
    leverage: '10',
    maxNotionalValue: '1000000',
    marginType: 'cross',
    isolatedMargin: '0',
    isAutoAddMargin: 'false',
    notional: '0',
    isolatedWallet: '0',
    updateTime: 0,
    ...overrides,
  };
}

describe('derive (PROTOCOL §10)', () => {
  it('long: uPnL = amt × (mark − entry), notional = amt × mark, ROE on initial margin at mark', () => {
    const d = derive(position({ positionAmt: '2', entryPrice: '100', leverage: '10' }), { price: '110', time: 5 });
    expect(d.unrealizedPnl).toBeCloseTo(20, 10);
    expect(d.notional).toBeCloseTo(220, 10);
    // initial margin = 220 / 10 = 22 → ROE = 20 / 22 = 90.909…%
    expect(d.roePct).toBeCloseTo(90.9090909, 6);
    expect(d.markPrice).toBe('110');
    expect(d.markTime).toBe(5);
  });

  it('short: negative amount gains when the mark falls', () => {
    const d = derive(position({ positionAmt: '-3.5', entryPrice: '2000', leverage: '20' }), { price: '1900', time: 1 });
    expect(d.unrealizedPnl).toBeCloseTo(350, 10);
    expect(d.notional).toBeCloseTo(-6650, 10);
    expect(d.roePct).toBeCloseTo((350 / (6650 / 20)) * 100, 8);
  });

  it('matches the documented hedge reply: 0.001 BTC from 22185.2 at mark 21123.05052574', () => {
    const d = derive(position({ positionAmt: '0.001', entryPrice: '22185.2', leverage: '4' }), {
      price: '21123.05052574',
      time: 1,
    });
    expect(d.unrealizedPnl).toBeCloseTo(-1.06214947, 8);
    // The exchange truncates notional to 8 decimals (21.12305052|574).
    expect(d.notional).toBeCloseTo(21.12305052, 7);
  });

  it('ROE is unknown without leverage or size', () => {
    expect(derive(position({ positionAmt: '1', entryPrice: '1', leverage: '0' }), { price: '2', time: 1 }).roePct).toBeNull();
    expect(derive(position({ positionAmt: '0', entryPrice: '1' }), { price: '2', time: 1 }).roePct).toBeNull();
  });
});
