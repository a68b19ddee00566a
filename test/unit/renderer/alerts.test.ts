import { describe, expect, it } from 'vitest';
import { dismissAlert, EMPTY_ALERTS, replaceAlerts, visibleAlerts } from '../../../renderer/store/alerts';
import { alert } from './fake-api';

describe('alerts slice', () => {
  it('replaces the list with main’s, one entry per id', () => {
    const first = replaceAlerts(EMPTY_ALERTS, [alert('liq:BTC', 1)]);
    const updated = alert('liq:BTC', 2, { severity: 'critical', message: 'closer' });
    const next = replaceAlerts(first, [updated]);
    expect(next.list).toEqual([updated]);
    expect(replaceAlerts(next, []).list).toEqual([]);
  });

  it('flashes a row for a new alert or a re-raised one, not for a repeat of the same', () => {
    const raised = replaceAlerts(EMPTY_ALERTS, [alert('liq:BTC', 10)]);
    expect(raised.flashes.get('BTCUSDT:BOTH')).toEqual({ count: 1, at: 10 });

    const same = replaceAlerts(raised, [alert('liq:BTC', 10)]);
    expect(same.flashes).toBe(raised.flashes);

    const again = replaceAlerts(same, [alert('liq:BTC', 20)]);
    expect(again.flashes.get('BTCUSDT:BOTH')).toEqual({ count: 2, at: 20 });

    const noKey = replaceAlerts(again, [alert('auth', 30, { kind: 'auth-failed', key: null, symbol: null })]);
    expect(noKey.flashes).toBe(again.flashes);
  });

  it('hides a dismissed alert until it is raised again, and forgets dismissals of cleared alerts', () => {
    const raised = replaceAlerts(EMPTY_ALERTS, [alert('liq:BTC', 10), alert('call', 11, { kind: 'margin-call' })]);
    const dismissed = dismissAlert(raised, raised.list[0]!);
    expect(visibleAlerts(dismissed).map((shown) => shown.id)).toEqual(['call']);

    const reraised = replaceAlerts(dismissed, [alert('liq:BTC', 50), alert('call', 11, { kind: 'margin-call' })]);
    expect(visibleAlerts(reraised).map((shown) => shown.id)).toEqual(['liq:BTC', 'call']);

    const cleared = replaceAlerts(dismissed, [alert('call', 11, { kind: 'margin-call' })]);
    expect(cleared.dismissed.size).toBe(0);
  });
});
