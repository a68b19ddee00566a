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

describe('429 and 418 escalation', () => {
  const MINUTE = 60_000;

  it('429 with retryAfter at the end of the minute, then 418 for a request inside that window', () => {
    let now = 5 * MINUTE + 10_000;
    const ledger = new WeightLedger(() => now, 10, 120_000);
    expect(ledger.admit('ip', 10)).toEqual({ ok: true, count: 10 });
    expect(ledger.admit('ip', 1)).toEqual({ ok: false, status: 429, retryAfter: 6 * MINUTE, count: 11 });
    now += 1_000;
    expect(ledger.admit('ip', 1)).toEqual({ ok: false, status: 418, retryAfter: now + 120_000, count: 11 });
    // Banned requests are not counted, and other origins are unaffected.
    expect(ledger.admit('ip', 1)).toMatchObject({ status: 418, count: 11 });
    expect(ledger.admit('other', 1)).toEqual({ ok: true, count: 1 });
    now += 120_000;
    expect(ledger.admit('ip', 1)).toEqual({ ok: true, count: 1 });
  });

  it('a client that waits for retryAfter is not banned', () => {
    let now = 30_000;
    const ledger = new WeightLedger(() => now, 5);
    ledger.admit('ip', 5);
    const limited = ledger.admit('ip', 1);
    expect(limited).toMatchObject({ status: 429, retryAfter: MINUTE });
    now = MINUTE;
    expect(ledger.admit('ip', 1)).toEqual({ ok: true, count: 1 });
  });

  it('forced 429 and 418 apply to every origin until lifted', () => {
    const now = 1_000;
    const ledger = new WeightLedger(() => now);
    ledger.force(429, 9_000);
    expect(ledger.admit('a', 1)).toMatchObject({ ok: false, status: 429, retryAfter: 9_000 });
    expect(ledger.admit('b', 1)).toMatchObject({ ok: false, status: 429 });
    ledger.reset();
    expect(ledger.admit('a', 1)).toMatchObject({ ok: true });
    ledger.force(418, 50_000);
    expect(ledger.admit('c', 1)).toEqual({ ok: false, status: 418, retryAfter: 50_000, count: 0 });
  });
});
