import { describe, expect, it } from 'vitest';
import { mostUrgentAlerts, newestWithin } from '../../../electron/ipc/payload-bounds';
import type { Alert } from '../../../shared/alerts';
import { payloadBytes } from '../../../shared/payload-size';

function alert(i: number, severity: Alert['severity']): Alert {
  return { id: `a${i}`, kind: 'liquidation-proximity', severity, symbol: 'BTCUSDT', key: 'BTCUSDT:BOTH', message: 'x'.repeat(200), at: i };
}

describe('payload bounds', () => {
  it('sends every alert when they fit, in the order main holds them', () => {
    const alerts = [alert(1, 'warning'), alert(2, 'critical'), alert(3, 'warning')];
    expect(mostUrgentAlerts(alerts)).toEqual(alerts);
  });

  it('when they do not fit: critical first, then the newest, kept in order, within the budget', () => {
    const alerts = [alert(1, 'critical'), alert(2, 'warning'), alert(3, 'warning'), alert(4, 'critical'), alert(5, 'warning')];
    const one = payloadBytes(alerts[0]) + 1;
    const kept = mostUrgentAlerts(alerts, 2 + 3 * one);
    expect(kept.map((a) => a.id)).toEqual(['a1', 'a4', 'a5']);
    expect(payloadBytes(kept)).toBeLessThanOrEqual(2 + 3 * one);
  });

  it('keeps the newest entries that fit', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ i, text: 'y'.repeat(i * 10) }));
    const newest = newestWithin(items, 2_000);
    expect(newest).toEqual(items.slice(items.length - newest.length));
    expect(payloadBytes(newest)).toBeLessThanOrEqual(2_000);
    expect(payloadBytes(items.slice(items.length - newest.length - 1))).toBeGreaterThan(2_000);
  });
});
