/**
 * The account margin ratio alert (AlertBook.checkAccount): raised at the user's threshold on the
 * cross ratio (the whole account's under Multi-Assets), critical at 90 % or the threshold, cleared
 * only 5 points below the threshold, and naming the ratio, margin balance and maintenance margin.
 */
import { describe, expect, it } from 'vitest';
import { AlertBook } from '../../../electron/desk/alerts';
import type { AccountFigures, AccountView } from '../../../shared/account';
import type { Alert } from '../../../shared/alerts';

function figures(currency: string, marginRatioPct: number | null): AccountFigures {
  const marginBalance = 2_000;
  const maintMargin = marginRatioPct === null ? 0 : (marginRatioPct / 100) * marginBalance;
  return { currency, walletBalance: 2_500, unrealizedProfit: -500, marginBalance, maintMargin, initialMargin: 0, availableBalance: 0, marginRatioPct };
}

function account(crossPct: number | null, options: { multiAssets?: boolean; totalPct?: number | null } = {}): AccountView {
  const multiAssets = options.multiAssets ?? false;
  const currency = multiAssets ? 'USD' : 'USDT';
  return { multiAssets, total: figures(currency, options.totalPct ?? 1), cross: figures(currency, crossPct), assets: [], readAt: 1, updatedAt: 1 };
}

function book() {
  const raised: Alert[] = [];
  const changes: number[] = [];
  const alerts = new AlertBook({ onChange: (list) => changes.push(list.length), onRaise: (alert) => raised.push(alert) }, () => 7);
  return { alerts, raised, changes };
}

describe('account margin ratio alert', () => {
  it('raises at the threshold, holds while hovering, clears only 5 points below it, then re-arms', () => {
    const { alerts, raised, changes } = book();
    alerts.checkAccount(account(79.9), 80);
    expect(raised).toEqual([]);
    alerts.checkAccount(account(80), 80);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ id: 'account-margin-ratio', kind: 'account-margin-ratio', severity: 'warning', symbol: null, key: null, at: 7 });
    expect(raised[0]!.message).toContain('Account margin ratio 80.00 % (cross)');
    expect(raised[0]!.message).toContain('margin balance 2000.00 USDT');
    expect(raised[0]!.message).toContain('maintenance margin 1600.00 USDT');
    alerts.checkAccount(account(76), 80);
    alerts.checkAccount(account(84), 80);
    expect(raised).toHaveLength(1);
    expect(alerts.list()).toHaveLength(1);
    alerts.checkAccount(account(74.9), 80);
    expect(alerts.list()).toEqual([]);
    expect(changes).toEqual([1, 0]);
    alerts.checkAccount(account(81), 80);
    expect(raised).toHaveLength(2);
  });

  it('turns critical at 90 % (raised again), or at the threshold when it is higher', () => {
    const { alerts, raised } = book();
    alerts.checkAccount(account(85), 80);
    alerts.checkAccount(account(90), 80);
    expect(raised.map((alert) => alert.severity)).toEqual(['warning', 'critical']);
    alerts.checkAccount(account(86), 80); // back under 90 but in the zone: stays as it is, no new noise
    expect(raised).toHaveLength(2);
    expect(alerts.list()[0]!.severity).toBe('critical');

    const high = book();
    high.alerts.checkAccount(account(94), 95);
    expect(high.raised).toEqual([]);
    high.alerts.checkAccount(account(95), 95);
    expect(high.raised[0]!.severity).toBe('critical');
  });

  it('follows the cross ratio, or the whole account in USD under Multi-Assets', () => {
    const single = book();
    single.alerts.checkAccount(account(10, { totalPct: 99 }), 80);
    expect(single.raised).toEqual([]);
    const multi = book();
    multi.alerts.checkAccount(account(10, { multiAssets: true, totalPct: 88 }), 80);
    expect(multi.raised).toHaveLength(1);
    expect(multi.raised[0]!.message).toContain('(Multi-Assets, in USD)');
    expect(multi.raised[0]!.message).toContain('USD');
  });

  it('clears when nothing is at stake any more; no account read says nothing either way', () => {
    const { alerts } = book();
    alerts.checkAccount(account(92), 80);
    alerts.checkAccount(null, 80);
    expect(alerts.list()).toHaveLength(1);
    alerts.checkAccount(account(null), 80);
    expect(alerts.list()).toEqual([]);
  });

  it('re-checks against a new threshold', () => {
    const { alerts, raised } = book();
    alerts.checkAccount(account(70), 80);
    alerts.checkAccount(account(70), 60);
    expect(raised).toHaveLength(1);
    alerts.checkAccount(account(70), 90);
    expect(alerts.list()).toEqual([]);
  });
});
