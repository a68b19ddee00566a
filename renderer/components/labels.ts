/** The words the UI uses for the contract's enums, in one place so every component says the same. */
import type { ConnectionState, ConnectionStatus, DemoAccount, Environment } from '../../shared/connection';
import type { MarginType } from '../../shared/position';
import type { PositionColumn } from '../../shared/ui-constants';
import type { TimelineEntry } from '../../shared/timeline';

export const ENVIRONMENT_LABEL: Record<Environment, string> = {
  demo: 'Demo',
  testnet: 'Testnet',
  mainnet: 'Mainnet',
  custom: 'Custom',
};

export const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  degraded: 'Degraded',
  reconnecting: 'Reconnecting…',
  'auth-failed': 'Authentication failed',
  banned: 'Banned by the exchange',
  offline: 'Offline',
};

/** How worried the trader should be: drives the colour of the connection dot. */
export const CONNECTION_TONE: Record<ConnectionState, 'ok' | 'warn' | 'bad'> = {
  connecting: 'warn',
  live: 'ok',
  degraded: 'warn',
  reconnecting: 'warn',
  'auth-failed': 'bad',
  banned: 'bad',
  offline: 'bad',
};

export const DEMO_ACCOUNT_LABEL: Record<DemoAccount, string> = { oneway: 'One-way', hedge: 'Hedge', multi: 'Multi-Assets' };

/** The same names inside a sentence: "one-way account", but Binance's proper name "Multi-Assets" keeps its capitals. */
const DEMO_ACCOUNT_IN_TEXT: Record<DemoAccount, string> = { oneway: 'one-way', hedge: 'hedge', multi: 'Multi-Assets' };

export const MARGIN_TYPE_LABEL: Record<MarginType, string> = { isolated: 'Isolated', cross: 'Cross' };

/** "Main · Mainnet" or "Demo · hedge account": which account the numbers belong to. */
export function accountLabel(connection: ConnectionStatus): string {
  const parts = [connection.profileName, ENVIRONMENT_LABEL[connection.environment]];
  if (connection.demoAccount !== null) {
    parts.push(`${DEMO_ACCOUNT_IN_TEXT[connection.demoAccount]} account`);
  }
  // A profile is often named after its environment ("Demo"): say it once.
  return [...new Set(parts.filter((part) => part !== ''))].join(' · ');
}

/** Column names, used by the table header and the Columns menu alike. */
export const COLUMN_LABEL: Record<PositionColumn, string> = {
  symbol: 'Symbol',
  side: 'Side',
  size: 'Size',
  notional: 'Notional',
  entry: 'Entry',
  breakEven: 'Break-even',
  mark: 'Mark',
  liquidation: 'Liq. price',
  liqDistance: 'Liq. distance',
  marginType: 'Margin mode',
  margin: 'Margin',
  marginRatio: 'Margin ratio',
  upnl: 'uPnL',
  roe: 'ROE %',
  funding: 'Funding',
  estFunding: 'Est. funding',
  fundingToday: 'Funding today',
  adl: 'ADL',
  age: 'Age',
};

export const TIMELINE_KIND_LABEL: Record<TimelineEntry['kind'], string> = {
  connecting: 'Connecting',
  connected: 'Connected',
  disconnected: 'Disconnected',
  reconnecting: 'Reconnecting',
  renewal: 'Renewal',
  'listen-key': 'Listen key',
  resync: 'Resync',
  error: 'Error',
  info: 'Info',
};
