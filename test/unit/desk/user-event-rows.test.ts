/**
 * User data events on the live exchange, read row by row and routed (PROTOCOL §13.1, §13.7): one
 * odd row never costs the others, drops are said once per kind in the timeline, a known event with
 * an unreadable envelope is counted too, and liquidation / ADL fills become alerts that name the
 * symbol, side, quantity and price — on the banner (alert book), natively and in the timeline.
 */
import { describe, expect, it, vi } from 'vitest';
import { routeUserEvent } from '../../../electron/desk/account-events';
import { AlertNotifier, announceAlert } from '../../../electron/desk/alert-notifier';
import { AlertBook } from '../../../electron/desk/alerts';
import { DropReport } from '../../../electron/exchange/drop-report';
import { Timeline } from '../../../electron/desk/timeline';
import { readUserEvent, type UserEvent } from '../../../electron/exchange/user-events';
import { PositionEngine } from '../../../electron/positions/engine';
import type { Alert } from '../../../shared/alerts';
import type { TimelineEntry } from '../../../shared/timeline';

const goodRow = { s: 'BTCUSDT', pa: '1', ep: '100', bep: '100.1', cr: '0', up: '0', mt: 'cross', iw: '0', ps: 'BOTH' };
const chineseRow = { ...goodRow, s: '币安人生USDT', pa: '-30' };

function read(frame: unknown): UserEvent {
  const event = readUserEvent(frame);
  if (event === null || event === 'ignored') throw new Error('expected an event');
  return event;
}

function desk() {
  const entries: TimelineEntry[] = [];
  const notified: string[] = [];
  let alerts: Alert[] = [];
  const timeline = new Timeline((entry) => entries.push(entry), () => 1);
  const notifier = new AlertNotifier((_title, body) => notified.push(body));
  const book = new AlertBook({ onChange: (list) => (alerts = list), onRaise: (alert) => announceAlert(alert, notifier, timeline) }, () => 1);
  const engine = new PositionEngine({
    exchange: {
      fetchPositions: () => Promise.resolve([]),
      followMarks: () => undefined,
    },
    now: () => 1,
    serverNow: () => 1,
    onChange: () => undefined,
    onSnapshotError: () => undefined,
    eventDebounceMs: 1_000_000_000,
  });
  const drops = new DropReport((message) => timeline.add('error', message));
  const refreshSoon = vi.spyOn(engine, 'refreshSoon');
  const route = (frame: unknown) => routeUserEvent(read(frame), { engine, alerts: book, drops });
  return { engine, entries, notified, alerts: () => alerts, drops, route, refreshes: () => refreshSoon.mock.calls.length };
}

describe('row-by-row validation', () => {
  it('an ACCOUNT_UPDATE with one odd P row and one odd B row keeps the others', () => {
    const event = read({
      e: 'ACCOUNT_UPDATE',
      E: 20,
      T: 19,
      a: {
        m: 'ORDER',
        B: [{ a: 'USDT', wb: '10', cw: '10', bc: '0' }, { a: 'USDC', wb: 'lots', cw: '1' }],
        P: [goodRow, { ...goodRow, s: 'BAD\u0000NAME' }, chineseRow, { ...goodRow, ps: 'SIDEWAYS' }],
      },
    });
    expect(event.type).toBe('account-update');
    if (event.type !== 'account-update') return;
    expect(event.event.E).toBe(20);
    expect(event.event.a.P?.map((row) => row.s)).toEqual(['BTCUSDT', '币安人生USDT']);
    expect(event.event.a.B?.map((row) => row.a)).toEqual(['USDT']);
    expect(event.dropped).toEqual([
      { kind: 'ACCOUNT_UPDATE balance row', count: 1 },
      { kind: 'ACCOUNT_UPDATE position row', count: 2 },
    ]);
  });

  it('a MARGIN_CALL keeps its good rows; ORDER_TRADE_UPDATE reads x, X, c, S, ps, l, z, L, ap, s', () => {
    const call = read({
      e: 'MARGIN_CALL',
      E: 5,
      p: [{ s: 'ETHUSDT', ps: 'LONG', pa: '1', mp: '3000', mm: '12' }, { s: 'ETHUSDT', ps: 'LONG', pa: '1', mp: 'NaN', mm: '1' }],
    });
    expect(call).toMatchObject({ type: 'margin-call', event: { p: [{ s: 'ETHUSDT', mm: '12' }] }, dropped: [{ kind: 'MARGIN_CALL position row', count: 1 }] });
    const order = { s: '币安人生USDT', c: 'autoclose-1', S: 'BUY', x: 'CALCULATED', X: 'FILLED', l: '5', z: '30', L: '0.11', ap: '0.1105', ps: 'BOTH', i: 7 };
    expect(read({ e: 'ORDER_TRADE_UPDATE', E: 9, T: 8, o: order })).toEqual({
      type: 'order-update',
      symbol: '币安人生USDT',
      time: 8,
      eventTime: 9,
      order: { s: '币安人生USDT', c: 'autoclose-1', S: 'BUY', x: 'CALCULATED', X: 'FILLED', l: '5', z: '30', L: '0.11', ap: '0.1105', ps: 'BOTH' },
    });
    expect(read({ e: 'ORDER_TRADE_UPDATE', E: 9, T: 8, o: { ...order, S: 'HOLD' } })).toEqual({ type: 'invalid', eventType: 'ORDER_TRADE_UPDATE' });
  });

  it('drops are applied around, counted, and said once per kind in the timeline', () => {
    const d = desk();
    const update = (T: number) => ({ e: 'ACCOUNT_UPDATE', E: T, T, a: { m: 'ORDER', P: [{ ...goodRow, pa: String(T) }, { ...goodRow, pa: '1e999' }] } });
    d.route(update(100));
    d.route(update(101));
    d.route({ e: 'ORDER_TRADE_UPDATE', E: 1, T: 1, o: { s: 'BTCUSDT' } });
    d.route({ e: 'ORDER_TRADE_UPDATE', E: 2, T: 2, o: { s: 'BTCUSDT' } });
    expect(d.engine.view().rows.map((row) => row.positionAmt)).toEqual(['101']);
    expect([...d.drops.totals()]).toEqual([
      ['ACCOUNT_UPDATE position row', 2],
      ['ORDER_TRADE_UPDATE event', 2],
    ]);
    const said = d.entries.filter((entry) => entry.message.startsWith('Dropped'));
    expect(said.map((entry) => entry.message)).toEqual([
      'Dropped an unreadable ACCOUNT_UPDATE position row from the exchange; the rest of the event was used. Further drops of this kind are counted, not reported.',
      'Dropped an unreadable ORDER_TRADE_UPDATE event from the exchange; positions are re-read instead. Further drops of this kind are counted, not reported.',
    ]);
    // An update whose only position row is unreadable still asks for the snapshot that makes up for it.
    const before = d.refreshes();
    d.route({ e: 'ACCOUNT_UPDATE', E: 103, T: 103, a: { m: 'ORDER', P: [{ ...goodRow, pa: 'x' }] } });
    expect(d.refreshes()).toBe(before + 1);
    d.drops.reset();
    d.route(update(102));
    expect(d.entries.filter((entry) => entry.message.startsWith('Dropped'))).toHaveLength(3);
    d.engine.stop();
  });
});

describe('liquidation and auto-deleveraging', () => {
  const fill = (c: string, extra: Record<string, unknown> = {}) => ({
    e: 'ORDER_TRADE_UPDATE',
    E: 50,
    T: 49,
    o: { s: 'BTCUSDT', c, S: 'SELL', x: 'CALCULATED', X: 'FILLED', l: '0.5', z: '0.5', L: '95000.1', ap: '95000.1', ps: 'BOTH', ...extra },
  });

  it('a liquidation fill raises a critical alert, a notification and a timeline entry naming symbol, side, quantity and price', () => {
    const d = desk();
    d.route(fill('autoclose-1712'));
    const [alert] = d.alerts();
    expect(alert).toMatchObject({ kind: 'liquidation', severity: 'critical', symbol: 'BTCUSDT', key: 'BTCUSDT:BOTH' });
    for (const part of ['BTCUSDT', 'long', 'liquidated', '0.5', '95000.1']) expect(alert!.message).toContain(part);
    expect(d.notified).toEqual([alert!.message]);
    expect(d.entries.at(-1)).toMatchObject({ kind: 'error', message: alert!.message });
    d.engine.stop();
  });

  it('an ADL fill on a hedge short says auto-deleveraged; a plain trade or a NEW says nothing', () => {
    const d = desk();
    d.route(fill('adl_autoclose', { S: 'BUY', ps: 'SHORT', z: '2', ap: '0', L: '3100.5' }));
    expect(d.alerts()).toHaveLength(1);
    expect(d.alerts()[0]).toMatchObject({ kind: 'adl', key: 'BTCUSDT:SHORT' });
    expect(d.alerts()[0]!.message).toMatch(/^BTCUSDT short auto-deleveraged: 2 closed at 3100\.5/);
    d.route(fill('bot-42', { x: 'TRADE' }));
    d.route(fill('autoclose-9', { x: 'NEW', X: 'NEW' }));
    expect(d.alerts()).toHaveLength(1);
    d.engine.stop();
  });

  it('a margin call names the margin asset of its symbol (USDC under Multi-Assets)', () => {
    const d = desk();
    d.engine.symbolsLoaded([{ symbol: 'ETHUSDC', marginAsset: 'USDC' }]);
    d.route({ e: 'MARGIN_CALL', E: 5, p: [{ s: 'ETHUSDC', ps: 'BOTH', pa: '-1', mp: '3000', mm: '12' }] });
    expect(d.alerts()[0]!.message).toBe('Margin call on ETHUSDC short: maintenance margin 12 USDC at mark 3000. Add margin or reduce the position.');
    d.engine.stop();
  });
});

describe('account events into the account figures', () => {
  it('ACCOUNT_UPDATE balances reach the engine with their times and reason; ai switches the mode', () => {
    const { engine, route } = desk();
    const balances = vi.spyOn(engine, 'balanceUpdate');
    const mode = vi.spyOn(engine, 'multiAssetsChanged');
    route({ e: 'ACCOUNT_UPDATE', E: 31, T: 30, a: { m: 'FUNDING_FEE', B: [{ a: 'USDT', wb: '99.5', cw: '99.5', bc: '0' }] } });
    expect(balances).toHaveBeenCalledWith([{ a: 'USDT', wb: '99.5', cw: '99.5' }], 30, 31, 'FUNDING_FEE');
    route({ e: 'ACCOUNT_CONFIG_UPDATE', E: 41, T: 40, ai: { j: true } });
    expect(mode).toHaveBeenCalledWith(true);
    // A leverage change is not a mode change.
    route({ e: 'ACCOUNT_CONFIG_UPDATE', E: 42, T: 41, ac: { s: 'BTCUSDT', l: 5 } });
    expect(mode).toHaveBeenCalledTimes(1);
  });

  it('an ai whose j is no boolean makes the event invalid (counted), not a mode change', () => {
    expect(read({ e: 'ACCOUNT_CONFIG_UPDATE', E: 1, T: 1, ai: { j: 'yes' } })).toEqual({ type: 'invalid', eventType: 'ACCOUNT_CONFIG_UPDATE' });
  });
});
