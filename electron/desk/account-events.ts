/**
 * Where each user data stream event goes: position changes into the engine, margin calls,
 * liquidations and auto-deleveraging onto the alert book (banner, native notification and timeline:
 * alert-notifier.ts), unreadable rows into the drop report; and only events that can have changed a position
 * ask for the snapshot that refreshes liquidation prices (PROTOCOL §13.6).
 */
import type { DroppedRows, MarginCall, OrderUpdate, UserEvent } from '../exchange/user-events';
import type { PositionEngine } from '../positions/engine';
import type { AlertBook } from './alerts';
import type { DropReport } from '../exchange/drop-report';

/** What routing an event may touch. */
export interface AccountEventPorts {
  engine: PositionEngine;
  alerts: AlertBook;
  drops: DropReport;
}

export function routeUserEvent(event: UserEvent, ports: AccountEventPorts): void {
  const { engine, drops } = ports;
  switch (event.type) {
    case 'account-update': {
      addEventDrops(drops, event.dropped);
      const { T, E, a } = event.event;
      engine.accountUpdate(a.P ?? [], T, E);
      // The balances move the account figures at once; a funding fee has today's funding re-read.
      engine.balanceUpdate(a.B ?? [], T, E, a.m);
      // A balance change alone (a cross funding fee) moves the liquidation price of cross positions;
      // a position row that could not be read may have changed a position: re-read either way.
      if (event.dropped.length > 0) engine.refreshSoon();
      else if ((a.P ?? []).length === 0 && (a.B ?? []).length > 0 && engine.view().summary.positions > 0) engine.refreshSoon();
      return;
    }
    case 'config-update':
      if (event.event.ac !== undefined) engine.leverageChanged(event.event.ac.s, event.event.ac.l);
      // A Multi-Assets mode change: the totals change currency and margins may be figured anew.
      else if (event.event.ai !== undefined) engine.multiAssetsChanged(event.event.ai.j);
      else engine.refreshSoon();
      return;
    case 'order-update': {
      const forced = forcedClose(event.order);
      if (forced !== null) raiseForcedClose(forced, event.order, ports);
      engine.orderUpdate(event.order.x);
      return;
    }
    case 'margin-call':
      addEventDrops(drops, event.dropped);
      raiseMarginCalls(event.event, ports);
      engine.refreshSoon();
      return;
    case 'invalid':
      addEventDrops(drops, [{ kind: `${event.eventType} event`, count: 1 }]);
      // A lost ACCOUNT_UPDATE or fill may have changed a position: re-read rather than guess.
      if (event.eventType !== 'listenKeyExpired') engine.refreshSoon();
      return;
    case 'listen-key-expired':
      return; // the client opens a new user stream itself
  }
}

/**
 * Counts what an event lost: a row lost leaves its event otherwise whole; a whole event lost is made
 * up for by a snapshot. The first of a kind per session is said on the timeline.
 */
function addEventDrops(report: DropReport, drops: readonly DroppedRows[]): void {
  for (const { kind, count } of drops) {
    report.add(kind, count, () => {
      const then = kind.endsWith(' row') ? 'the rest of the event was used' : 'positions are re-read instead';
      return `Dropped ${count === 1 ? 'an' : count} unreadable ${kind}${count === 1 ? '' : 's'} from the exchange; ${then}. Further drops of this kind are counted, not reported.`;
    });
  }
}

/** "long" or "short": the position a leg or an order on it is about. */
function sideOf(positionSide: string, longWhen: boolean): string {
  return positionSide === 'BOTH' ? (longWhen ? 'long' : 'short') : positionSide.toLowerCase();
}

function raiseMarginCalls(call: MarginCall, { alerts, engine }: AccountEventPorts): void {
  for (const leg of call.p) {
    const side = sideOf(leg.ps, Number(leg.pa) > 0);
    // Under Multi-Assets a USDC-margined symbol's margin is in USDC, not USDT (PROTOCOL §13.9).
    const asset = engine.marginAssetOf(leg.s);
    alerts.raise({
      id: `margin-call:${leg.s}:${leg.ps}`,
      kind: 'margin-call',
      severity: 'critical',
      symbol: leg.s,
      key: `${leg.s}:${leg.ps}`,
      message: `Margin call on ${leg.s} ${side}: maintenance margin ${leg.mm} ${asset} at mark ${leg.mp}. Add margin or reduce the position.`,
    });
  }
}

/**
 * A liquidation or auto-deleveraging fill: `x = CALCULATED`, with client order id `autoclose-…`
 * (liquidation) or `adl_autoclose` (ADL), PROTOCOL §13.7. A CALCULATED fill is forced whatever its
 * id says, so one with an id the exchange may yet invent is still reported, as a liquidation.
 */
export function forcedClose(order: OrderUpdate): 'liquidation' | 'adl' | null {
  if (order.x !== 'CALCULATED') return null;
  return order.c === 'adl_autoclose' ? 'adl' : 'liquidation';
}

function raiseForcedClose(kind: 'liquidation' | 'adl', order: OrderUpdate, { alerts, engine }: AccountEventPorts): void {
  // A closing SELL closes a long; a closing BUY a short.
  const side = sideOf(order.ps, order.S === 'SELL');
  const price = Number(order.ap) > 0 ? order.ap : order.L;
  const what = kind === 'adl' ? 'auto-deleveraged' : 'liquidated';
  const asset = engine.marginAssetOf(order.s);
  const message =
    `${order.s} ${side} ${what}: ${order.z} closed at ${price} (${asset} margin)` +
    (kind === 'adl' ? ' — the exchange reduced it against a liquidated counterparty.' : ' by the exchange.');
  alerts.raise({
    id: `${kind}:${order.s}:${order.ps}`,
    kind,
    severity: 'critical',
    symbol: order.s,
    key: `${order.s}:${order.ps}`,
    message,
  });
}
