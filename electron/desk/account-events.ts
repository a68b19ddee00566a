/**
 * Where each user data stream event goes: position changes into the engine, margin calls onto the
 * alert book, and every account change triggers the snapshot that refreshes liquidation prices.
 */
import type { UserEvent } from '../exchange/user-events';
import type { PositionEngine } from '../positions/engine';
import type { AlertBook } from './alerts';

export function routeUserEvent(event: UserEvent, engine: PositionEngine, alerts: AlertBook): void {
  switch (event.type) {
    case 'account-update':
      engine.accountUpdate(event.event.a.P ?? [], event.event.T);
      return;
    case 'config-update':
      if (event.event.ac !== undefined) engine.leverageChanged(event.event.ac.s, event.event.ac.l);
      return;
    case 'order-update':
      engine.refreshSoon();
      return;
    case 'margin-call':
      for (const leg of event.event.p) {
        const side = leg.ps === 'BOTH' ? (Number(leg.pa) > 0 ? 'long' : 'short') : leg.ps.toLowerCase();
        alerts.raise({
          id: `margin-call:${leg.s}:${leg.ps}`,
          kind: 'margin-call',
          severity: 'critical',
          symbol: leg.s,
          key: `${leg.s}:${leg.ps}`,
          message: `Margin call on ${leg.s} ${side}: maintenance margin ${leg.mm} USDT at mark ${leg.mp}. Add margin or reduce the position.`,
        });
      }
      engine.refreshSoon();
      return;
    case 'listen-key-expired':
      return; // the client opens a new user stream itself
  }
}
