import { describe, expect, it } from 'vitest';
import { WeightLedger } from '../../../electron/simulator/rate-limit';

describe('weight ledger', () => {
  it('counts per origin within a calendar minute and resets at the next one', () => {
    let now = Date.UTC(2026, 0, 1, 0, 0, 10);
    const ledger = new WeightLedger(() => now);
    expect(ledger.charge('10.0.0.1', 5)).toEqual({ count: 5, limited: false });
    expect(ledger.charge('10.0.0.1', 5)).toEqual({ count: 10, limited: false });
    expect(ledger.charge('10.0.0.2', 1)).toEqual({ count: 1, limited: false });
    now += 49_999; // 00:00:59.999, same window
    expect(ledger.used('10.0.0.1')).toBe(10);
    now += 1; // 00:01:00.000
    expect(ledger.used('10.0.0.1')).toBe(0);
  });

  it('flags the request that goes over the limit, and counts it', () => {
    const ledger = new WeightLedger(() => 0, 10);
    expect(ledger.charge('ip', 10).limited).toBe(false);
    expect(ledger.charge('ip', 1)).toEqual({ count: 11, limited: true });
    expect(ledger.report(11)).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 10, count: 11 },
    ]);
  });
});
