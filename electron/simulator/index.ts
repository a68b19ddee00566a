/**
 * PerpDesk's built-in exchange: a strict local stand-in for Binance USDⓈ-M Futures (REST, the
 * WS API, `/market` mark price streams, `/private` user data streams) used for demo mode,
 * tests and `npm run sim`. It shares no code with the client on purpose (DESIGN §6).
 * This file wires the parts together and defines the public API.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccountName, accountProblems } from './account-model';
import { AccountBook } from './account-book';
import { accountConfig, accountStatus, balanceRows, v2PositionRows } from './account-reports';
import { adlQuantileEntries } from './adl-quantile';
import { DEMO_CREDENTIALS } from './accounts';
import { startActivity } from './activity';
import { SimClock } from './clock';
import { type ControlReply, type ControlTarget, runControl } from './control';
import { type SimControl, createControlApi } from './control-api';
import { ASYMMETRIC_DEMO_KEYS } from './demo-keys';
import { createRestHandler } from './http-routes';
import { demoKeyRegistry } from './key-registry';
import { LinkRegistry } from './link-registry';
import { ListenKeys } from './listen-keys';
import { startMarkFeed } from './mark-feed';
import { createMarket } from './market';
import { StreamHub } from './market-streams';
import { type SimulatorOptions, resolveOptions } from './options';
import { type V1PositionRow, positionRows } from './position-rows';
import { WeightLedger } from './rate-limit';
import { buildScenario } from './scenarios';
import { MethodRetirement } from './retirement';
import { quoteCount, startQuoteFlood } from './quote-flood';
import type { EventTimes, UserEvent } from './user-events';
import { symbolConfigRows } from './symbol-config';
import { startFundingClock } from './funding-clock';
import { FundingSchedule } from './funding-schedule';
import { Traffic } from './traffic';
import { routeUpgrades } from './upgrade-router';
import { UserStreamHub } from './user-streams';
import { WS_API_PATH, WsApiServer } from './ws-api';
import type { Exchange } from './ws-api-types';

export type { V1PositionRow } from './position-rows';
export type { V2PositionRow } from './account-reports';
export type { SimulatorOptions } from './options';
export type { ScenarioName } from './scenarios';
export type { ControlReply } from './control';
export type { FillReceipt } from './account-book';
export { SimControlError, type FillArgs, type MarginPressResult, type SimControl } from './control-api';
export type { TrafficStats } from './traffic';

/** Credentials of a demo account: public constants, HMAC-SHA256. */
export interface SimAccountCredentials {
  name: AccountName;
  keyType: 'HMAC';
  apiKey: string;
  secret: string;
}

/** An asymmetric demo API key (public demo material): Ed25519 or RSA, PKCS#8 PEM. */
export interface SimAsymmetricKey {
  name: AccountName;
  keyType: 'ED25519' | 'RSA';
  apiKey: string;
  privateKeyPem: string;
}

/** Any demo API key. */
export type SimKeyCredentials = SimAccountCredentials | SimAsymmetricKey;

/** A running simulator. */
export interface RunningSimulator {
  /** e.g. ws://127.0.0.1:P/ws-fapi/v1, ws://127.0.0.1:P/market, ws://127.0.0.1:P/private, http://127.0.0.1:P */
  urls: { wsApi: string; market: string; private: string; rest: string };
  /** The HMAC keys of the demo accounts: oneway, hedge (as before), then multi (Multi-Assets). */
  accounts: SimAccountCredentials[];
  /** Every demo key: the HMAC keys, then an Ed25519 and an RSA key for oneway and hedge. */
  keys: SimKeyCredentials[];
  /**
   * The exchange's exact current positions of an account as v1 `account.position` rows (same
   * function the WS reply uses, at the current mark). Rows for every trading symbol, zero
   * rows included, like v1.
   */
  truth(account: AccountName): V1PositionRow[];
  /**
   * The account's current `v2/account.status` reply (totals, assets, positions), exactly what the
   * WS API answers now: the figures a client's account view must equal.
   */
  accountTruth(account: AccountName): Record<string, unknown>;
  /**
   * Forces a symbol's mark (decimal string, ≤ 8 decimals); the next frames and replies use it,
   * and positions it carries past their liquidation price are liquidated.
   * Throws for a symbol that does not trade or a malformed price.
   */
  setMark(symbol: string, price: string): void;
  /**
   * The bearer token `POST /__sim` requires (`Authorization: Bearer <token>`, JSON body): random
   * per run unless the `controlToken` option chose it. In-process `control` needs none.
   */
  controlToken: string;
  /** Test-harness operations (fills, faults, clock, rate limits), also served as `POST /__sim` with `control: true`. */
  control: SimControl;
  /** Closes every socket and the server; resolves when all is closed, leaving no timers. */
  close(): Promise<void>;
}

/** Starts a simulator and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const o = resolveOptions(options);
  const clock = new SimClock(o.now);
  const { now } = clock;
  const scenario = buildScenario(o.scenario, now(), o.symbols);
  for (const account of Object.values(scenario.accounts)) {
    const problems = accountProblems(account);
    if (problems.length > 0) throw new Error(`inconsistent demo account ${account.name}: ${problems.join('; ')}`);
  }
  const market = createMarket(scenario.listed, o.seed);
  const funding = new FundingSchedule(o.fundingIntervalMs, market.symbols);
  const links = new LinkRegistry(o);
  const hubs = { market: new StreamHub(links), public: new StreamHub(links) };
  // The user stream hub and the listenKeys refer to each other: events need the active key, expiry needs the hub.
  const listenKeys: ListenKeys = new ListenKeys(now, o.listenKeyTtlMs, {
    expired: (key) => users.expired(key),
    stopped: (key) => users.stopped(key),
  });
  const users = new UserStreamHub(links, listenKeys, now);
  const book = new AccountBook(scenario.accounts, {
    market,
    now,
    emit: (account, event) => users.deliver(account, event),
    marginCallRatio: o.marginCallRatio,
  });
  const keys = demoKeyRegistry();
  const ledger = new WeightLedger(now, o.weightLimit, o.banMs);
  const traffic = new Traffic();
  const truth = (name: AccountName): V1PositionRow[] => positionRows(book.get(name), market);
  const accountTruth = (name: AccountName): Record<string, unknown> => accountStatus(book.get(name), market, 2);
  const retirement = new MethodRetirement();
  // Position queries can lag the stream (PROTOCOL §13.4): they read the state of `ms` ago.
  const snapshotLag = { ms: 0 };
  const snapshotOf = (name: AccountName) => book.asOf(name, now() - snapshotLag.ms);
  const exchange: Exchange = {
    now,
    retirement,
    findKey: (apiKey) => keys.get(apiKey),
    isTradingSymbol: (symbol) => market.spec(symbol) !== undefined,
    positionRows: (name, symbol) => positionRows(snapshotOf(name), market, symbol),
    v2PositionRows: (name, symbol) => v2PositionRows(snapshotOf(name), market, symbol),
    balances: (name) => balanceRows(book.get(name), market),
    accountStatus: (name, version) => accountStatus(book.get(name), market, version),
    listenKeys,
  };
  const setMark = (symbol: string, price: string): void => {
    market.walk.setMark(symbol, price);
    book.checkAllRisk();
  };
  // Running quote floods, stopped with the simulator.
  const floods = new Set<() => void>();
  const startQuotes = (account: AccountName, symbol: string, ordersPerSecond: number, durationMs: number): number => {
    const spec = market.spec(symbol);
    if (!spec) throw new RangeError(`symbol ${symbol} does not trade`);
    const deps = {
      spec,
      mark: () => market.markOf(symbol),
      emit: (name: AccountName, build: (times: EventTimes) => UserEvent) => book.emitOrderEvent(name, build),
      nextOrderId: () => book.allocateOrderId(),
      hedge: book.get(account).mode === 'hedge',
    };
    const stop = startQuoteFlood(account, ordersPerSecond, durationMs, deps, () => floods.delete(stop));
    floods.add(stop);
    return quoteCount(ordersPerSecond, durationMs);
  };
  const target: ControlTarget = {
    book,
    market,
    links,
    listenKeys,
    clock,
    ledger,
    traffic,
    truth,
    accountTruth,
    setMark,
    setMarks: (marks) => {
      for (const [symbol, price] of marks) market.walk.setMark(symbol, price);
      book.checkAllRisk();
    },
    settleFunding: () => book.settleFunding(),
    retirement,
    snapshotLag,
    startQuotes,
  };
  const run = (command: unknown): ControlReply => runControl(target, command);

  const wsApi = new WsApiServer(exchange, ledger, links, traffic);
  const server = createServer(
    createRestHandler({
      now,
      market,
      funding,
      weightLimit: o.weightLimit,
      listenKeys,
      symbolConfig: (name, symbols) => symbolConfigRows(book.get(name), symbols),
      income: (name, query) => book.income.query(name, query),
      adlQuantile: (name, symbol) => adlQuantileEntries(book.get(name), market, symbol),
      accountConfig: (name) => accountConfig(book.get(name)),
      ledger,
      findKey: exchange.findKey,
      traffic,
      control: o.control ? (body) => controlOverHttp(run, body) : undefined,
      controlToken: o.controlToken,
    }),
  );
  routeUpgrades(server, { wsApi, market: hubs.market, public: hubs.public, private: users }, traffic);
  await listen(server, o.port, o.host);
  const stoppers = [
    startMarkFeed({
      walk: market.walk,
      hub: hubs.market,
      intervalMs: o.markIntervalMs,
      now,
      fundingPeriodMs: (symbol) => funding.periodOf(symbol),
      onTick: () => book.checkAllRisk(),
    }),
    startFundingClock(now, funding.gridMs, (time) => book.settleFunding((symbol) => funding.isDue(symbol, time))),
    o.activity ? startActivity({ book, market, seed: o.seed, intervalMs: o.activityIntervalMs }) : () => undefined,
  ];

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
    keys: [...DEMO_CREDENTIALS.map((c) => ({ ...c })), ...ASYMMETRIC_DEMO_KEYS.map((k) => ({ ...k }))],
    truth,
    accountTruth,
    setMark,
    controlToken: o.controlToken,
    control: createControlApi(run),
    close: () => {
      closing ??= (async () => {
        for (const stop of stoppers) stop();
        for (const stop of [...floods]) stop();
        listenKeys.close();
        links.terminateAll();
        await Promise.all([wsApi.close(), hubs.market.close(), hubs.public.close(), users.close()]);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

/** `POST /__sim`: 200 with `{ ok: true, … }`, or 400 with `{ ok: false, error }`. */
function controlOverHttp(run: (command: unknown) => ControlReply, body: string): { status: number; body: ControlReply } {
  let command: unknown;
  try {
    command = JSON.parse(body);
  } catch {
    return { status: 400, body: { ok: false, error: 'body: not valid JSON' } };
  }
  const reply = run(command);
  return { status: reply.ok ? 200 : 400, body: reply };
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
