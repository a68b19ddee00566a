import { describe, expect, it } from 'vitest';
import { dec } from '../../../electron/simulator/decimal';
import { markPricePayload, nextFundingTime } from '../../../electron/simulator/mark-feed';

const HOUR = 3_600_000;

describe('mark price payload', () => {
  it('puts the next funding time on the 00:00 / 08:00 / 16:00 UTC grid, strictly ahead', () => {
    const midnight = Date.UTC(2026, 0, 15);
    expect(nextFundingTime(midnight + 1)).toBe(midnight + 8 * HOUR);
    expect(nextFundingTime(midnight + 8 * HOUR - 1)).toBe(midnight + 8 * HOUR);
    expect(nextFundingTime(midnight + 8 * HOUR)).toBe(midnight + 16 * HOUR);
    expect(nextFundingTime(midnight + 23 * HOUR)).toBe(midnight + 24 * HOUR);
  });

  it('builds the documented frame, keys in order, decimals with 8 places', () => {
    const quote = {
      symbol: 'BTCUSDT',
      markPrice: dec('104250.123'),
      indexPrice: dec('104240.5'),
      averagePrice: dec('104249.123456789'),
      fundingRate: '0.00010000',
    };
    const at = Date.UTC(2026, 0, 15, 9, 30);
    expect(JSON.stringify(markPricePayload(quote, at))).toBe(
      `{"e":"markPriceUpdate","E":${at},"s":"BTCUSDT","p":"104250.12300000","ap":"104249.12345679",` +
        `"i":"104240.50000000","P":"104240.50000000","r":"0.00010000","T":${Date.UTC(2026, 0, 15, 16)}}`,
    );
  });

  it('reports no funding for a delivery contract', () => {
    const quote = { symbol: 'BTCUSDT_261225', markPrice: dec('1'), indexPrice: dec('1'), averagePrice: dec('1'), fundingRate: '' };
    expect(markPricePayload(quote, 0)).toMatchObject({ r: '', T: 0 });
  });
});
