import { describe, expect, it } from 'vitest';
import { AlertNotifier, NOTIFY_INTERVAL_MS } from '../../../electron/desk/alert-notifier';
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

  it('does nothing where the host shows no notifications', () => {
    expect(() => new AlertNotifier(undefined).raised(alert('a', 1))).not.toThrow();
  });
});
