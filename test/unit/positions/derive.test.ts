import { describe, expect, it } from 'vitest';
import { derive } from '../../../electron/positions/derive';
import type { ExchangePosition } from '../../../shared/position';
import { v1Row } from '../../support/position-fixture';

function position(overrides: Partial<ExchangePosition>): ExchangePosition {
  return v1Row(overrides);
}

describe('derive (PROTOCOL §10)', () => {
  it('long: uPnL = amt × (mark − entry), notional = amt × mark, ROE on initial margin at mark', () => {
    const d = derive(position({ positionAmt: '2', entryPrice: '100', leverage: '10' }), { markPrice: '110', eventTime: 5 });
    expect(d.unrealizedPnl).toBeCloseTo(20, 10);
    expect(d.notional).toBeCloseTo(220, 10);
    // initial margin = 220 / 10 = 22 → ROE = 20 / 22 = 90.909…%
    expect(d.roePct).toBeCloseTo(90.9090909, 6);
    expect(d.markPrice).toBe('110');
    expect(d.markTime).toBe(5);
  });

  it('short: negative amount gains when the mark falls', () => {
    const d = derive(position({ positionAmt: '-3.5', entryPrice: '2000', leverage: '20' }), { markPrice: '1900', eventTime: 1 });
    expect(d.unrealizedPnl).toBeCloseTo(350, 10);
    expect(d.notional).toBeCloseTo(-6650, 10);
    expect(d.roePct).toBeCloseTo((350 / (6650 / 20)) * 100, 8);
  });

  it('matches the documented hedge reply: 0.001 BTC from 22185.2 at mark 21123.05052574', () => {
    const d = derive(position({ positionAmt: '0.001', entryPrice: '22185.2', leverage: '4' }), {
      markPrice: '21123.05052574',
      eventTime: 1,
    });
    expect(d.unrealizedPnl).toBeCloseTo(-1.06214947, 8);
    // The exchange truncates notional to 8 decimals (21.12305052|574).
    expect(d.notional).toBeCloseTo(21.12305052, 7);
  });

  it('ROE is unknown without leverage or size', () => {
    expect(derive(position({ positionAmt: '1', entryPrice: '1', leverage: '0' }), { markPrice: '2', eventTime: 1 }).roePct).toBeNull();
    expect(derive(position({ positionAmt: '0', entryPrice: '1' }), { markPrice: '2', eventTime: 1 }).roePct).toBeNull();
  });

  it('margin: isolated wallet + uPnL when isolated, initial margin at the mark when cross', () => {
    const isolated = derive(
      position({ positionAmt: '0.25', entryPrice: '100000', leverage: '10', marginType: 'isolated', isolatedWallet: '2545.865' }),
      { markPrice: '101000', eventTime: 1 },
    );
    expect(isolated.margin).toBeCloseTo(2545.865 + 250, 8);
    const cross = derive(position({ positionAmt: '-2', entryPrice: '3000', leverage: '20' }), { markPrice: '3100', eventTime: 1 });
    expect(cross.margin).toBeCloseTo(6200 / 20, 8);
    expect(cross.marginRatioPct).toBeNull();
  });

  it('distance to liquidation is positive while safe, for longs below and shorts above the mark', () => {
    const long = derive(position({ positionAmt: '1', entryPrice: '100', liquidationPrice: '90' }), { markPrice: '95', eventTime: 1 });
    expect(long.liquidationDistance).toBeCloseTo(5, 10);
    expect(long.liquidationDistancePct).toBeCloseTo((5 / 95) * 100, 10);
    const short = derive(position({ positionAmt: '-1', entryPrice: '100', liquidationPrice: '110' }), { markPrice: '104', eventTime: 1 });
    expect(short.liquidationDistance).toBeCloseTo(6, 10);
    const past = derive(position({ positionAmt: '-1', entryPrice: '100', liquidationPrice: '110' }), { markPrice: '111', eventTime: 1 });
    expect(past.liquidationDistancePct).toBeLessThan(0);
    const none = derive(position({ positionAmt: '1', entryPrice: '100', liquidationPrice: '0' }), { markPrice: '95', eventTime: 1 });
    expect(none.liquidationDistance).toBeNull();
    expect(none.liquidationDistancePct).toBeNull();
  });

  it('maintenance margin from the bracket holding the notional, and the isolated margin ratio', () => {
    const brackets = [
      { notionalFloor: 0, notionalCap: 50_000, maintMarginRatio: 0.004, cum: 0 },
      { notionalFloor: 50_000, notionalCap: 250_000, maintMarginRatio: 0.005, cum: 50 },
    ];
    const small = derive(position({ positionAmt: '0.1', entryPrice: '100000', marginType: 'isolated', isolatedWallet: '1000' }), { markPrice: '100000', eventTime: 1 }, brackets);
    expect(small.maintMargin).toBeCloseTo(10_000 * 0.004, 10);
    expect(small.marginRatioPct).toBeCloseTo((40 / 1000) * 100, 10);
    const large = derive(position({ positionAmt: '1', entryPrice: '100000' }), { markPrice: '100000', eventTime: 1 }, brackets);
    // 100,000 × 0.005 − 50 = 450 (cum keeps the function continuous at the bracket floor)
    expect(large.maintMargin).toBeCloseTo(450, 10);
  });
});

describe('funding (derive)', () => {
  it('estimated funding = −amount × mark × rate: a long pays and a short receives at a positive rate', () => {
    const mark = { markPrice: '2000', eventTime: 1, fundingRate: '0.0003', nextFundingTime: 28_800_000 };
    const long = derive(position({ positionAmt: '2', entryPrice: '1900' }), mark, undefined, 4);
    expect(long.fundingRate).toBe(0.0003);
    expect(long.nextFundingTime).toBe(28_800_000);
    expect(long.fundingIntervalHours).toBe(4);
    expect(long.estimatedFunding).toBeCloseTo(-1.2, 12);
    const short = derive(position({ positionAmt: '-2', entryPrice: '1900' }), { ...mark, fundingRate: '-0.0001' });
    expect(short.estimatedFunding).toBeCloseTo(-0.4, 12); // a negative rate: shorts pay longs
    expect(short.fundingIntervalHours).toBeNull();
  });

  it('nothing is estimated without a rate (a mark from a snapshot)', () => {
    const d = derive(position({ positionAmt: '1', entryPrice: '1' }), { markPrice: '2', eventTime: 1 }, undefined, 8);
    expect(d.fundingRate).toBeNull();
    expect(d.nextFundingTime).toBeNull();
    expect(d.estimatedFunding).toBeNull();
    expect(d.fundingIntervalHours).toBe(8);
  });
});
