import { describe, expect, it } from 'vitest';
import { AlertNotifier, announceAlert, NOTIFY_INTERVAL_MS } from '../../../electron/desk/alert-notifier';
import { Timeline } from '../../../electron/desk/timeline';
import type { Alert } from '../../../shared/alerts';

function alert(id: string, at: number, severity: Alert['severity'] = 'warning'): Alert {
  return { id, kind: 'liquidation-proximity', severity, symbol: 'BTCUSDT', key: 'BTCUSDT:BOTH', message: `${id} at ${at}`, at };
}

describe('AlertNotifier', () => {
  it('notifies an alert once per interval, each alert on its own clock', () => {
    const shown: string[] = [];
    const notifier = new AlertNotifier((_title, body) => shown.push(body));
    notifier.raised(alert('a', 1_000));
    notifier.raised(alert('a', 1_000 + NOTIFY_INTERVAL_MS - 1));
    notifier.raised(alert('b', 2_000));
    notifier.raised(alert('a', 1_000 + NOTIFY_INTERVAL_MS));
    expect(shown).toEqual(['a at 1000', 'b at 2000', `a at ${1_000 + NOTIFY_INTERVAL_MS}`]);
  });

  it('says so in the title when the alert is critical', () => {
    const titles: string[] = [];
    const notifier = new AlertNotifier((title) => titles.push(title));
    notifier.raised(alert('w', 1));
    notifier.raised(alert('c', 1, 'critical'));
    expect(titles).toEqual(['PerpDesk', 'PerpDesk — critical']);
  });

  it('an alert that escalates to critical notifies at once, within the interval', () => {
    const shown: string[] = [];
    const notifier = new AlertNotifier((title, body) => shown.push(`${title}: ${body}`));
    notifier.raised(alert('a', 1_000));
    notifier.raised(alert('a', 2_000, 'critical'));
    notifier.raised(alert('a', 3_000, 'critical'));
    expect(shown).toEqual(['PerpDesk: a at 1000', 'PerpDesk — critical: a at 2000']);
  });

  it('position and account risk goes on the timeline too (critical as an error); link alerts do not', () => {
    const shown: string[] = [];
    const notifier = new AlertNotifier((_title, body) => shown.push(body));
    const timeline = new Timeline(() => undefined, () => 7);
    const account: Alert = { ...alert('account-margin-ratio', 5), kind: 'account-margin-ratio', symbol: null, key: null, message: 'Account margin ratio 85.00%' };
    announceAlert(account, notifier, timeline);
    announceAlert({ ...account, severity: 'critical', message: 'Account margin ratio 93.00%' }, notifier, timeline);
    announceAlert({ ...alert('auth', 6), kind: 'auth-failed', message: 'key rejected' }, notifier, timeline);
    expect(timeline.list()).toEqual([
      { at: 7, kind: 'info', message: 'Account margin ratio 85.00%' },
      { at: 7, kind: 'error', message: 'Account margin ratio 93.00%' },
    ]);
    expect(shown).toEqual(['Account margin ratio 85.00%', 'Account margin ratio 93.00%', 'key rejected']);
  });

  it('does nothing where the host shows no notifications', () => {
    expect(() => new AlertNotifier(undefined).raised(alert('a', 1))).not.toThrow();
  });
});
