import { describe, expect, it } from 'vitest';
import {
  adlLevel,
  adlLit,
  countdownText,
  fundingAmountText,
  fundingDirection,
  intervalText,
  untilNextFunding,
} from '../../../renderer/components/funding';
import { formatRatePercent } from '../../../shared/format';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 1, 16, 0, 0);

describe('funding countdown', () => {
  it('formats the time left as hours:minutes:seconds, rounding up to the whole second', () => {
    expect(countdownText(8 * HOUR)).toBe('08:00:00');
    expect(countdownText(7 * HOUR + 59 * 60_000 + 58_000)).toBe('07:59:58');
    expect(countdownText(59_001)).toBe('00:01:00');
    expect(countdownText(1)).toBe('00:00:01');
    expect(countdownText(0)).toBe('00:00:00');
    expect(countdownText(null)).toBe('—');
    expect(countdownText(Number.NaN)).toBe('—');
  });

  it('counts down on the exchange clock to the next funding time', () => {
    expect(untilNextFunding(T, 8, T - 90_000)).toBe(90_000);
    expect(countdownText(untilNextFunding(T, 8, T - 90_000))).toBe('00:01:30');
    expect(untilNextFunding(null, 8, T)).toBeNull();
  });

  it('rolls over to the funding one interval later once the time has passed, before the stream sends the next', () => {
    expect(untilNextFunding(T, 8, T)).toBe(8 * HOUR);
    expect(untilNextFunding(T, 8, T + 1_500)).toBe(8 * HOUR - 1_500);
    expect(countdownText(untilNextFunding(T, 4, T + 2_000))).toBe('03:59:58');
    // Long past (a sleeping laptop): still the next funding after now, never negative.
    expect(untilNextFunding(T, 1, T + 2.5 * HOUR)).toBe(0.5 * HOUR);
    // No interval known: it stays at zero rather than guess.
    expect(untilNextFunding(T, null, T + 5_000)).toBe(0);
  });

  it('names the interval', () => {
    expect(intervalText(8)).toBe('8h');
    expect(intervalText(1)).toBe('1h');
    expect(intervalText(null)).toBe('—');
  });
});

describe('funding rate and amounts', () => {
  it('shows a rate in percent with four decimals, exactly (no float multiplication)', () => {
    expect(formatRatePercent(0.0001)).toBe('0.0100%');
    expect(formatRatePercent(0.0007)).toBe('0.0700%');
    expect(formatRatePercent(-0.00005)).toBe('−0.0050%');
    expect(formatRatePercent(1e-7)).toBe('0.0000%');
    expect(formatRatePercent(0.00375)).toBe('0.3750%');
    expect(formatRatePercent(null)).toBe('—');
    expect(formatRatePercent(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('says who pays whom from the sign main gives', () => {
    expect(fundingDirection(1.2)).toBe('receives');
    expect(fundingDirection(-0.3)).toBe('pays');
    expect(fundingDirection(0)).toBeNull();
    expect(fundingDirection(undefined)).toBeNull();
    expect(fundingAmountText(-0.41237, 'USDT')).toBe('−0.4124 USDT');
    expect(fundingAmountText(2.5, 'USDC')).toBe('+2.5000 USDC');
    expect(fundingAmountText(null, 'USDT')).toBe('—');
  });
});

describe('ADL light', () => {
  it('lights quantile + 1 of five segments, coloured by how high it is', () => {
    expect([0, 1, 2, 3, 4].map(adlLit)).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map(adlLevel)).toEqual(['low', 'low', 'medium', 'high', 'high']);
  });

  it('shows nothing lit for an unknown or impossible quantile', () => {
    expect(adlLit(null)).toBeNull();
    expect(adlLit(undefined)).toBeNull();
    expect(adlLit(5)).toBeNull();
    expect(adlLit(-1)).toBeNull();
    expect(adlLit(2.5)).toBeNull();
  });
});
