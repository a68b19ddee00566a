/**
 * PerpDesk's built-in exchange: a strict local stand-in for Binance USDⓈ-M Futures (REST
 * time/exchangeInfo, the WS API, `/market` mark price streams) used for demo mode, tests and
 * `npm run sim`. It shares no code with the client on purpose (DESIGN §6).
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccountName, accountProblems } from './account-model';
import { DEMO_CREDENTIALS, demoAccounts } from './accounts';
import { createRestHandler } from './http-routes';
import { startMarkFeed } from './mark-feed';
import { StreamHub } from './market-streams';
import { type MarketView, type V1PositionRow, positionRows } from './position-rows';
import { createPriceWalk } from './price-walk';
import { WeightLedger } from './rate-limit';
import type { StreamRoute } from './stream-url';
import { TRADING_SYMBOLS, tradingSymbol } from './symbols';
import { routeUpgrades } from './upgrade-router';
import { WS_API_PATH, WsApiServer } from './ws-api';
import type { Exchange } from './ws-api-methods';

export type { V1PositionRow } from './position-rows';

/** How to start a simulator. Every field is optional. */
export interface SimulatorOptions {
  /** Interface to bind; default '127.0.0.1'. Nothing else is ever bound by default. */
  host?: string;
  /** Port; default 0, a free port chosen by the OS. */
  port?: number;
  /** Seed of the price walk; default 1. */
  seed?: number;
  /** Mark step and `@markPrice@1s` period in ms (default 1000); `@markPrice` every 3×. */
  markIntervalMs?: number;
  /** Clock for server times, event times and rate-limit windows; default `Date.now`. */
  now?: () => number;
}

/** Credentials of a demo account: public constants, HMAC-SHA256. */
export interface SimAccountCredentials {
  name: 'oneway' | 'hedge';
  keyType: 'HMAC';
  apiKey: string;
  secret: string;
}

/** A running simulator. */
export interface RunningSimulator {
  /** e.g. ws://127.0.0.1:P/ws-fapi/v1, ws://127.0.0.1:P/market, ws://127.0.0.1:P/private, http://127.0.0.1:P */
  urls: { wsApi: string; market: string; private: string; rest: string };
  accounts: SimAccountCredentials[];
  /**
   * The exchange's exact current positions of an account as v1 `account.position` rows (same
   * function the WS reply uses, at the current mark). Rows for every trading symbol, zero
   * rows included, like v1.
   */
  truth(account: 'oneway' | 'hedge'): V1PositionRow[];
  /**
   * Forces a symbol's mark (decimal string, ≤ 8 decimals); the next frames and replies use it.
   * Throws for a symbol that does not trade or a malformed price.
   */
  setMark(symbol: string, price: string): void;
  /** Closes every socket and the server; resolves when all is closed, leaving no timers. */
  close(): Promise<void>;
}

/** Starts a simulator and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { host = '127.0.0.1', port = 0, seed = 1, markIntervalMs = 1000, now = Date.now } = options;
  checkOptions(port, seed, markIntervalMs);

  const accounts = demoAccounts(now());
  for (const account of Object.values(accounts)) {
    const problems = accountProblems(account);
    if (problems.length > 0) throw new Error(`inconsistent demo account ${account.name}: ${problems.join('; ')}`);
  }
  const walk = createPriceWalk(TRADING_SYMBOLS, seed);
  const market: MarketView = { symbols: TRADING_SYMBOLS, markOf: (symbol) => walk.markOf(symbol) };
  const ledger = new WeightLedger(now);
  const exchange: Exchange = {
    now,
    findKey: (apiKey) => {
      const found = DEMO_CREDENTIALS.find((c) => c.apiKey === apiKey);
      return found && { owner: found.name, secret: found.secret };
    },
    isTradingSymbol: (symbol) => tradingSymbol(symbol) !== undefined,
    positionRows: (name: AccountName, symbol?: string) => positionRows(accounts[name], market, symbol),
  };

  const wsApi = new WsApiServer(exchange, ledger);
  // /public and /private are served idle: real clients open all three routes at once (PROTOCOL §12).
  const hubs: Record<StreamRoute, StreamHub> = {
    market: new StreamHub(),
    public: new StreamHub(),
    private: new StreamHub(),
  };
  const server = createServer(createRestHandler({ now, ledger }));
  routeUpgrades(server, wsApi, hubs);
  await listen(server, port, host);
  const stopFeed = startMarkFeed({ walk, hub: hubs.market, intervalMs: markIntervalMs, now });

  const address = server.address() as AddressInfo;
  const authority = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    urls: {
      wsApi: `ws://${authority}${WS_API_PATH}`,
      market: `ws://${authority}/market`,
      private: `ws://${authority}/private`,
      rest: `http://${authority}`,
    },
    accounts: DEMO_CREDENTIALS.map((c) => ({ ...c })),
    truth: (account) => exchange.positionRows(account),
    setMark: (symbol, price) => walk.setMark(symbol, price),
    close: () => {
      closing ??= (async () => {
        stopFeed();
        await Promise.all([wsApi.close(), ...Object.values(hubs).map((hub) => hub.close())]);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function checkOptions(port: number, seed: number, markIntervalMs: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`invalid port: ${port}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  if (!Number.isFinite(markIntervalMs) || markIntervalMs < 1) {
    throw new RangeError(`markIntervalMs must be at least 1: ${markIntervalMs}`);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
