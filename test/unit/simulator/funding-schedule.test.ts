/**
 * Funding per symbol (PROTOCOL §13.10): 1 h, 4 h and 8 h symbols each fund on their own grid, and
 * the funding clock hands every round its grid time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFundingClock } from '../../../electron/simulator/funding-clock';
import { FundingSchedule } from '../../../electron/simulator/funding-schedule';
import { SYMBOLS } from '../../../electron/simulator/symbols';

const HOUR = 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('funding schedule', () => {
  it('periods: 8 h by default, 4 h for SUIUSDT, 1 h for 币安人生USDT; next funding times on each grid', () => {
    const schedule = new FundingSchedule(8 * HOUR, SYMBOLS);
    expect([schedule.periodOf('BTCUSDT'), schedule.periodOf('SUIUSDT'), schedule.periodOf('币安人生USDT')]).toEqual([8 * HOUR, 4 * HOUR, HOUR]);
    const at = Date.UTC(2026, 0, 15, 9, 20);
    expect(schedule.nextFundingTime('BTCUSDT', at)).toBe(Date.UTC(2026, 0, 15, 16));
    expect(schedule.nextFundingTime('SUIUSDT', at)).toBe(Date.UTC(2026, 0, 15, 12));
    expect(schedule.nextFundingTime('币安人生USDT', at)).toBe(Date.UTC(2026, 0, 15, 10));
    // A shortened base period (tests) keeps the ratios.
    expect(new FundingSchedule(8000, SYMBOLS).periodOf('币安人生USDT')).toBe(1000);
  });

  it('over 8 rounds of the 1-hour grid, a 1 h symbol funds 8 times, a 4 h one twice, an 8 h one once', () => {
    vi.useFakeTimers();
    const schedule = new FundingSchedule(8000, SYMBOLS);
    const start = 80_000 + 500; // half a grid step after an 8 h point
    const funded = new Map<string, number>();
    const stop = startFundingClock(() => start, schedule.gridMs, (time) => {
      for (const symbol of ['BTCUSDT', 'SUIUSDT', '币安人生USDT']) {
        if (schedule.isDue(symbol, time)) funded.set(symbol, (funded.get(symbol) ?? 0) + 1);
      }
    });
    vi.advanceTimersByTime(500 + 7 * 1000); // the first round at 81 000, then 7 more
    stop();
    expect(Object.fromEntries(funded)).toEqual({ '币安人生USDT': 8, SUIUSDT: 2, BTCUSDT: 1 });
  });
});
