/**
 * The exchange's live account state: the only place accounts change (fills, leverage, funding,
 * liquidation, ADL), and therefore the only place position events are produced. Each change is
 * a pure transition (fills.ts, funding.ts, risk.ts) followed by the events Binance would push,
 * in Binance's order: ORDER_TRADE_UPDATE before the ACCOUNT_UPDATE it caused. Events carry a
 * transaction time `T` and a later event time `E` (event-clock.ts); every state is kept for a
 * while so snapshot replies can lag the stream (account-history.ts).
 */
import {
  type Account,
  type AccountName,
  type MarginType,
  accountProblems,
  assetWalletOf,
  withAssetDeltas,
  settingsOf,
} from './account-model';
import { type Dec, ONE, dec, quantize, significantDecimalsOf } from './decimal';
import { type FillResult, type LegAfter, type OrderSide, applyFill } from './fills';
import { quantity as formatQuantity, money8 } from './format';
import { type FillReceipt, type TradeStep, receiptOf, splitQuantity, tradeEvent } from './trade-reports';
import { AccountHistory } from './account-history';
import type { AdlRequest, BookOutcome, FillRequest } from './book-requests';
import { EventClock } from './event-clock';
import { type FundingCharge, applyFunding } from './funding';
import { IncomeLedger } from './income-ledger';
import { accountMetrics } from './leg-metrics';
import type { Market } from './market';
import { marginAssetOf } from './symbols';
import { type LiquidationGroup, type RiskScan, liquidationDue, marginCalls, nextLiquidation, scanRisk } from './risk';
import {
  type EventTimes,
  type PositionUpdate,
  type UpdateReason,
  type UserEvent,
  accountUpdate,
  balanceUpdate,
  marginCallPosition,
  positionUpdate,
} from './user-events';

export type { FillReceipt } from './trade-reports';
export type { AdlRequest, BookOutcome, FillRequest } from './book-requests';

/** What the book needs from the simulator. */
export interface BookDeps {
  readonly market: Market;
  readonly now: () => number;
  /** Delivers an event to the account's user data streams. */
  readonly emit: (account: AccountName, event: UserEvent) => void;
  /** Margin ratio (maintenance ÷ margin balance) at which MARGIN_CALL is pushed. */
  readonly marginCallRatio: Dec;
}

/** Liquidations per check are capped; each one removes a group, so this is only a safety net. */
const MAX_LIQUIDATIONS_PER_CHECK = 64;

/** The accounts and everything that changes them. */
export class AccountBook {
  private readonly accounts: Map<AccountName, Account>;
  private readonly marginCalled = new Map<AccountName, Set<string>>();
  private readonly history: AccountHistory;
  private readonly clock = new EventClock();
  private nextOrderId = 8_389_765_100;
  private nextTradeId = 500_000_100;
  /** `"bep":"0"` on open ACCOUNT_UPDATE rows, as the documented example has it (PROTOCOL §13.5). */
  private bepZero = false;
  /** Every wallet movement booked here, for `GET /fapi/v1/income`. */
  readonly income = new IncomeLedger();

  constructor(
    accounts: Readonly<Record<string, Account>>,
    private readonly deps: BookDeps,
  ) {
    this.accounts = new Map(Object.values(accounts).map((a) => [a.name, a]));
    this.history = new AccountHistory(this.accounts.values());
  }

  /** The current state of an account. */
  get(name: AccountName): Account {
    const account = this.accounts.get(name);
    if (!account) throw new RangeError(`no account ${name}`);
    return account;
  }

  /** The account as it was at server time `time` (for lagging snapshots); current when `time` is now. */
  asOf(name: AccountName, time: number): Account {
    return time >= this.deps.now() ? this.get(name) : (this.history.at(name, time) ?? this.get(name));
  }

  /** Sends `"bep":"0"` on the open rows of later ACCOUNT_UPDATEs (or stops). */
  setBepZero(enabled: boolean): void {
    this.bepZero = enabled;
  }

  /**
   * Executes a market order in `trades` trades at one transaction time: per trade,
   * ORDER_TRADE_UPDATE then ACCOUNT_UPDATE with the one changed leg.
   */
  fill(name: AccountName, request: FillRequest): BookOutcome<FillReceipt> {
    const spec = this.deps.market.spec(request.symbol);
    if (!spec) return { ok: false, error: `symbol ${request.symbol} does not trade` };
    const parts = splitQuantity(request.quantity, dec(spec.stepSize), request.trades ?? 1);
    if (!parts) return { ok: false, error: `the quantity cannot be split into ${request.trades} trades of at least one step` };
    const T = this.deps.now();
    const price = request.price ?? this.deps.market.markOf(request.symbol);
    // All trades are checked first: an order that cannot complete changes nothing.
    let account = this.get(name);
    const results: FillResult[] = [];
    for (const quantity of parts) {
      const outcome = this.trade(account, { ...request, quantity, price, time: T });
      if (!outcome.ok) return outcome;
      const problems = accountProblems(outcome.result.account);
      if (problems.length > 0) return { ok: false, error: `the fill would leave the account inconsistent: ${problems.join('; ')}` };
      results.push(outcome.result);
      account = outcome.result.account;
    }
    const orderId = this.nextOrderId++;
    let filled = 0n;
    let tradeId = 0;
    results.forEach((result, i) => {
      const lastQuantity = parts[i]!;
      filled += lastQuantity;
      this.commit(name, result.account, T);
      // A plain market order: not reduce-only, whatever it did to the position.
      tradeId = this.report(name, T, result, {
        orderId, orderQuantity: request.quantity, lastQuantity, filledQuantity: filled, averagePrice: price, price,
        side: request.side, positionSide: request.positionSide, symbol: request.symbol, clientOrderId: `sim-${orderId}`,
        reduceOnly: false,
      });
      this.bookTrade(name, T, result, tradeId);
      this.pushAccountUpdate(name, { T, E: this.clock.stamp(T) }, 'ORDER', [this.positionRow(name, result.leg)]);
    });
    this.checkRisk(name);
    return { ok: true, value: receiptOf(orderId, tradeId, price, results, spec.stepSize) };
  }

  /**
   * Auto-deleverages a leg at the mark (PROTOCOL §13.7): ORDER_TRADE_UPDATE with
   * `x:"CALCULATED"`, `c:"adl_autoclose"`, then ACCOUNT_UPDATE.
   */
  adl(name: AccountName, request: AdlRequest): BookOutcome<FillReceipt> {
    const spec = this.deps.market.spec(request.symbol);
    if (!spec) return { ok: false, error: `symbol ${request.symbol} does not trade` };
    const leg = this.get(name).positions.find((p) => p.symbol === request.symbol && p.positionSide === request.positionSide);
    if (!leg) return { ok: false, error: `no open ${request.positionSide} position in ${request.symbol} to deleverage` };
    const size = leg.positionAmt > 0n ? leg.positionAmt : -leg.positionAmt;
    const quantity = request.quantity ?? size;
    if (quantity <= 0n || quantity > size) return { ok: false, error: `qty: at most the position's size ${formatQuantity(size, significantDecimalsOf(spec.stepSize))}` };
    const T = this.deps.now();
    const price = this.deps.market.markOf(request.symbol);
    const side: OrderSide = leg.positionAmt > 0n ? 'SELL' : 'BUY';
    const outcome = this.trade(this.get(name), { symbol: leg.symbol, side, positionSide: leg.positionSide, quantity, price, time: T });
    if (!outcome.ok) return outcome;
    this.commit(name, outcome.result.account, T);
    const orderId = this.nextOrderId++;
    const tradeId = this.report(name, T, outcome.result, {
      orderId, orderQuantity: quantity, lastQuantity: quantity, filledQuantity: quantity, averagePrice: price, price,
      side, positionSide: leg.positionSide, symbol: leg.symbol, clientOrderId: 'adl_autoclose', forced: 'adl', reduceOnly: true,
    });
    this.bookTrade(name, T, outcome.result, tradeId);
    this.pushAccountUpdate(name, { T, E: this.clock.stamp(T) }, 'ORDER', [this.positionRow(name, outcome.result.leg)]);
    this.checkRisk(name);
    return { ok: true, value: receiptOf(orderId, tradeId, price, [outcome.result], spec.stepSize) };
  }

  /** Changes a symbol's leverage and pushes ACCOUNT_CONFIG_UPDATE. */
  setLeverage(name: AccountName, symbol: string, leverage: number): BookOutcome<number> {
    const account = this.get(name);
    const settings = new Map(account.settings);
    settings.set(symbol, { ...settingsOf(account, symbol), leverage });
    const T = this.deps.now();
    this.commit(name, { ...account, settings }, T);
    this.deps.emit(name, { e: 'ACCOUNT_CONFIG_UPDATE', E: this.clock.stamp(T), T, ac: { s: symbol, l: leverage } });
    this.checkRisk(name);
    return { ok: true, value: leverage };
  }

  /**
   * Changes a symbol's margin type. Binance refuses while the symbol has a position (-4048
   * "Margin type cannot be changed if there exists position."), so only a flat symbol changes,
   * and nothing is pushed: no balance or position moved.
   */
  setMarginType(name: AccountName, symbol: string, marginType: MarginType): BookOutcome<MarginType> {
    const account = this.get(name);
    // Binance's Multi-Assets mode "only supports the Cross Margin Mode" (FAQ "What Is Multi-Assets
    // Mode"); the code is -4168 from memory of the error list (UNCONFIRMED).
    if (account.assetBalances && marginType === 'isolated') {
      return { ok: false, error: 'isolated margin is not available in Multi-Assets mode (Binance -4168)' };
    }
    if (account.positions.some((p) => p.symbol === symbol)) {
      return { ok: false, error: `margin type of ${symbol} cannot be changed while it has a position (Binance -4048)` };
    }
    const settings = new Map(account.settings);
    settings.set(symbol, { ...settingsOf(account, symbol), marginType });
    this.commit(name, { ...account, settings }, this.deps.now());
    return { ok: true, value: marginType };
  }

  /**
   * One funding round for every account, for the symbols `due` (all by default). Cross legs
   * are reported together as a balance-only ACCOUNT_UPDATE; each isolated leg gets its own,
   * with that leg (PROTOCOL §6). They share the round's `T`, with increasing `E`s.
   */
  settleFunding(due?: (symbol: string) => boolean): void {
    for (const name of this.accounts.keys()) {
      const T = this.deps.now();
      const { charges } = applyFunding(this.get(name), this.deps.market, T, due);
      if (charges.length === 0) continue;
      for (const charge of charges) {
        this.income.book(name, { symbol: charge.leg.symbol, incomeType: 'FUNDING_FEE', amount: charge.amount, asset: this.assetOf(charge.leg.symbol), time: T });
      }
      // The account moves one update at a time, so each update's balances (wb, cw) are the state
      // right after it: a client that adds each bc to the previous wb stays exact.
      let account: Account = { ...this.get(name), updateTime: T };
      const credit = (amount: Dec, byAsset: ReadonlyMap<string, Dec>, leg?: FundingCharge['leg']): void => {
        const positions = leg
          ? account.positions.map((p) => (p.symbol === leg.symbol && p.positionSide === leg.positionSide ? leg : p))
          : account.positions;
        account = withAssetDeltas({ ...account, walletBalance: account.walletBalance + amount, positions }, byAsset);
        this.commit(name, account, T);
      };
      // Funding is paid in each position's margin asset (Multi-Assets: USDT and USDC apart).
      const crossByAsset = new Map<string, Dec>();
      for (const charge of charges.filter((c) => c.cross)) {
        const asset = this.assetOf(charge.leg.symbol);
        crossByAsset.set(asset, (crossByAsset.get(asset) ?? 0n) + charge.amount);
      }
      if (crossByAsset.size > 0) {
        credit([...crossByAsset.values()].reduce((a, b) => a + b, 0n), crossByAsset);
        this.pushAccountUpdate(name, { T, E: this.clock.stamp(T) }, 'FUNDING_FEE', [], crossByAsset);
      }
      for (const charge of charges.filter((c) => !c.cross)) {
        const { leg } = charge;
        const change = new Map([[this.assetOf(leg.symbol), charge.amount]]);
        credit(charge.amount, change, leg);
        const row = this.positionRow(name, { ...leg, cumulativeRealized: leg.cumulativeRealized ?? 0n });
        this.pushAccountUpdate(name, { T, E: this.clock.stamp(T) }, 'FUNDING_FEE', [row], change);
      }
      this.checkRisk(name);
    }
  }

  /** A fresh order id, for orders that never reach the book (quotes). */
  allocateOrderId(): number {
    return this.nextOrderId++;
  }

  /** Sends an event that changes no position (order events of a quoting bot), stamped like the rest. */
  emitOrderEvent(name: AccountName, build: (times: EventTimes) => UserEvent): void {
    const T = this.deps.now();
    this.deps.emit(name, build({ T, E: this.clock.stamp(T) }));
  }

  /** Runs the risk checks of every account; call after marks move. */
  checkAllRisk(): void {
    for (const name of this.accounts.keys()) this.checkRisk(name);
  }

  /**
   * Liquidates what the marks have carried past its LP, then pushes margin calls. The cheap
   * scan runs first; liquidation prices are computed only when a liquidation is due.
   */
  checkRisk(name: AccountName): void {
    let scan = scanRisk(this.get(name), this.deps.market);
    for (let i = 0; i < MAX_LIQUIDATIONS_PER_CHECK && liquidationDue(scan); i++) {
      const group = nextLiquidation(accountMetrics(this.get(name), this.deps.market));
      if (!group) break;
      this.liquidate(name, group);
      scan = scanRisk(this.get(name), this.deps.market);
    }
    this.pushMarginCalls(name, scan);
  }

  /** Closes a group at its LP: one CALCULATED fill per leg, then one ACCOUNT_UPDATE (PROTOCOL §13.7). */
  private liquidate(name: AccountName, group: LiquidationGroup): void {
    const price = quantize(group.price, 8, 'half-up');
    const rows: PositionUpdate[] = [];
    const T = this.deps.now();
    for (const m of group.legs) {
      const { leg } = m;
      const side: OrderSide = leg.positionAmt > 0n ? 'SELL' : 'BUY';
      const size = leg.positionAmt > 0n ? leg.positionAmt : -leg.positionAmt;
      const outcome = this.trade(this.get(name), { symbol: leg.symbol, side, positionSide: leg.positionSide, quantity: size, price, time: T });
      if (!outcome.ok) continue; // cannot happen: closing a whole open leg is always valid
      let account = outcome.result.account;
      let cleared = 0n;
      if (!m.cross) {
        // The isolated margin left after the loss goes to the insurance fund: the leg loses its whole wallet.
        const left = leg.isolatedWallet + outcome.result.realizedPnl - outcome.result.commission;
        if (left > 0n) {
          cleared = left;
          account = withAssetDeltas({ ...account, walletBalance: account.walletBalance - left }, new Map([[this.assetOf(leg.symbol), -left]]));
        }
      }
      this.commit(name, account, T);
      const orderId = this.nextOrderId++;
      const tradeId = this.report(name, T, outcome.result, {
        orderId, orderQuantity: size, lastQuantity: size, filledQuantity: size, averagePrice: price, price,
        side, positionSide: leg.positionSide, symbol: leg.symbol,
        // Binance names liquidation orders "autoclose-<id>" (PROTOCOL §6).
        clientOrderId: `autoclose-${T}${String(orderId % 1_000_000).padStart(6, '0')}`,
        forced: 'liquidation',
        reduceOnly: true,
      });
      this.bookTrade(name, T, outcome.result, tradeId);
      this.income.book(name, { symbol: leg.symbol, incomeType: 'INSURANCE_CLEAR', amount: -cleared, asset: this.assetOf(leg.symbol), time: T });
      rows.push(this.positionRow(name, outcome.result.leg));
    }
    this.pushAccountUpdate(name, { T, E: this.clock.stamp(T) }, 'ORDER', rows);
  }

  private pushMarginCalls(name: AccountName, scan: RiskScan): void {
    const called = this.marginCalled.get(name) ?? new Set<string>();
    const current = new Set<string>();
    for (const candidate of marginCalls(scan, this.deps.marginCallRatio)) {
      current.add(candidate.key);
      if (called.has(candidate.key)) continue; // one call per crossing, not one per tick
      const cross = candidate.key === 'cross';
      this.deps.emit(name, {
        e: 'MARGIN_CALL',
        E: this.clock.stamp(this.deps.now()),
        ...(cross ? { cw: money8(scan.crossWallet) } : {}),
        p: candidate.legs.map((r) => marginCallPosition(r.leg, r.cross, r.mark, r.unrealized, r.maintenance)),
      });
    }
    this.marginCalled.set(name, current);
  }

  /** The state change every transition ends with: current state plus its history. */
  private commit(name: AccountName, account: Account, time: number): void {
    this.accounts.set(name, account);
    this.history.record(account, time);
  }

  /** Pushes ORDER_TRADE_UPDATE for one trade; returns its trade id. */
  private report(name: AccountName, T: number, result: FillResult, step: TradeStep): number {
    const tradeId = this.nextTradeId++;
    const spec = this.deps.market.spec(step.symbol);
    const stepDecimals = spec ? significantDecimalsOf(spec.stepSize) : 8;
    this.deps.emit(name, tradeEvent({ T, E: this.clock.stamp(T) }, result, step, tradeId, stepDecimals));
    return tradeId;
  }

  /** Books a trade's realised PnL and commission (each only when non-zero, as Binance lists them). */
  private bookTrade(name: AccountName, T: number, result: FillResult, tradeId: number): void {
    const asset = this.assetOf(result.leg.symbol);
    const symbol = result.leg.symbol;
    this.income.book(name, { symbol, incomeType: 'REALIZED_PNL', amount: result.realizedPnl, asset, time: T, tradeId });
    this.income.book(name, { symbol, incomeType: 'COMMISSION', amount: -result.commission, asset, time: T, tradeId });
  }

  private positionRow(name: AccountName, leg: LegAfter): PositionUpdate {
    const marginType = settingsOf(this.get(name), leg.symbol).marginType;
    return positionUpdate(leg, marginType, this.deps.market.markOf(leg.symbol), this.bepZero);
  }

  /**
   * Pushes ACCOUNT_UPDATE: one `B` row per asset that moved (`changes`: asset → `bc`; by default
   * the rows' margin asset with no change other than PnL and fees), then the `P` rows.
   */
  private pushAccountUpdate(name: AccountName, times: EventTimes, reason: UpdateReason, rows: PositionUpdate[], changes?: ReadonlyMap<string, Dec>): void {
    const account = this.get(name);
    const moved = changes ?? new Map([...new Set(rows.map((r) => this.assetOf(r.s)))].map((asset) => [asset, 0n]));
    const balances = [...moved].map(([asset, change]) => {
      const { wallet, cross } = assetWalletOf(account, asset, (symbol) => this.assetOf(symbol));
      return balanceUpdate(wallet, cross, change, asset);
    });
    this.deps.emit(name, accountUpdate(times, reason, balances, rows));
  }

  /** The margin asset of a symbol (USDT for anything unknown). */
  private assetOf(symbol: string): string {
    const spec = this.deps.market.spec(symbol);
    return spec ? marginAssetOf(spec) : 'USDT';
  }

  /** applyFill, with the wallet change booked to the symbol's margin asset (Multi-Assets). */
  private trade(account: Account, fill: Parameters<typeof applyFill>[1]): ReturnType<typeof applyFill> {
    const outcome = applyFill(account, fill);
    if (!outcome.ok || !account.assetBalances) return outcome;
    const delta = outcome.result.account.walletBalance - account.walletBalance;
    return { ok: true, result: { ...outcome.result, account: withAssetDeltas(outcome.result.account, new Map([[this.assetOf(fill.symbol), delta]])) } };
  }
}

/** 80 %: the default margin-call threshold. */
export const DEFAULT_MARGIN_CALL_RATIO: Dec = (ONE * 8n) / 10n;
