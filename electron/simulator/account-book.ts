/**
 * The exchange's live account state: the only place accounts change (fills, leverage, funding,
 * liquidation), and therefore the only place user data events are produced. Each change is a
 * pure transition (fills.ts, funding.ts, risk.ts) followed by the events Binance would push,
 * in Binance's order: ORDER_TRADE_UPDATE before the ACCOUNT_UPDATE it caused.
 */
import {
  type Account,
  type AccountName,
  type MarginType,
  type PositionSide,
  accountProblems,
  crossWalletBalance,
  settingsOf,
} from './account-model';
import { type Dec, ONE, quantize, significantDecimalsOf } from './decimal';
import { type FillResult, type LegAfter, type OrderSide, applyFill } from './fills';
import { quantity as formatQuantity, money8, trimmedPrice } from './format';
import { applyFunding } from './funding';
import { accountMetrics } from './leg-metrics';
import type { Market } from './market';
import { type LiquidationGroup, type RiskScan, liquidationDue, marginCalls, nextLiquidation, scanRisk } from './risk';
import {
  type PositionUpdate,
  type UpdateReason,
  type UserEvent,
  accountUpdate,
  balanceUpdate,
  marginCallPosition,
  orderTradeUpdate,
  positionUpdate,
} from './user-events';

/** What the book needs from the simulator. */
export interface BookDeps {
  readonly market: Market;
  readonly now: () => number;
  /** Delivers an event to the account's user data streams. */
  readonly emit: (account: AccountName, event: UserEvent) => void;
  /** Margin ratio (maintenance ÷ margin balance) at which MARGIN_CALL is pushed. */
  readonly marginCallRatio: Dec;
}

/** A fill to execute; the price defaults to the current mark. */
export interface FillRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  readonly quantity: Dec;
  readonly price?: Dec;
}

/** What a fill did, formatted as the wire shows it. */
export interface FillReceipt {
  readonly orderId: number;
  readonly tradeId: number;
  readonly price: string;
  readonly realizedPnl: string;
  readonly commission: string;
  /** The leg's size after the fill. */
  readonly positionAmt: string;
}

/** A result or a reason. */
export type BookOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Liquidations per check are capped; each one removes a group, so this is only a safety net. */
const MAX_LIQUIDATIONS_PER_CHECK = 64;

/** The accounts and everything that changes them. */
export class AccountBook {
  private readonly accounts: Map<AccountName, Account>;
  private readonly marginCalled = new Map<AccountName, Set<string>>();
  private nextOrderId = 8_389_765_100;
  private nextTradeId = 500_000_100;

  constructor(
    accounts: Readonly<Record<AccountName, Account>>,
    private readonly deps: BookDeps,
  ) {
    this.accounts = new Map(Object.values(accounts).map((a) => [a.name, a]));
  }

  /** The current state of an account. */
  get(name: AccountName): Account {
    const account = this.accounts.get(name);
    if (!account) throw new RangeError(`no account ${name}`);
    return account;
  }

  /** Executes a fill and pushes ORDER_TRADE_UPDATE, then ACCOUNT_UPDATE with the one changed leg. */
  fill(name: AccountName, request: FillRequest): BookOutcome<FillReceipt> {
    const spec = this.deps.market.spec(request.symbol);
    if (!spec) return { ok: false, error: `symbol ${request.symbol} does not trade` };
    const time = this.deps.now();
    const price = request.price ?? this.deps.market.markOf(request.symbol);
    const before = this.get(name);
    const outcome = applyFill(before, { ...request, price, time });
    if (!outcome.ok) return outcome;
    const { result } = outcome;
    const problems = accountProblems(result.account);
    if (problems.length > 0) return { ok: false, error: `the fill would leave the account inconsistent: ${problems.join('; ')}` };
    this.accounts.set(name, result.account);
    // A plain market order: not reduce-only, whatever it did to the position.
    const ids = this.report(name, request.symbol, request.side, request.positionSide, request.quantity, price, result, {
      liquidation: false,
      reduceOnly: false,
    });
    this.pushAccountUpdate(name, 'ORDER', [this.positionRow(name, result.leg)]);
    this.checkRisk(name);
    const stepDecimals = significantDecimalsOf(spec.stepSize);
    return {
      ok: true,
      value: {
        ...ids,
        price: trimmedPrice(price),
        realizedPnl: money8(result.realizedPnl),
        commission: money8(result.commission),
        positionAmt: formatQuantity(result.leg.positionAmt, stepDecimals),
      },
    };
  }

  /** Changes a symbol's leverage and pushes ACCOUNT_CONFIG_UPDATE. */
  setLeverage(name: AccountName, symbol: string, leverage: number): BookOutcome<number> {
    const account = this.get(name);
    const settings = new Map(account.settings);
    settings.set(symbol, { ...settingsOf(account, symbol), leverage });
    this.accounts.set(name, { ...account, settings });
    const time = this.deps.now();
    this.deps.emit(name, { e: 'ACCOUNT_CONFIG_UPDATE', E: time, T: time, ac: { s: symbol, l: leverage } });
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
    if (account.positions.some((p) => p.symbol === symbol)) {
      return { ok: false, error: `margin type of ${symbol} cannot be changed while it has a position (Binance -4048)` };
    }
    const settings = new Map(account.settings);
    settings.set(symbol, { ...settingsOf(account, symbol), marginType });
    this.accounts.set(name, { ...account, settings });
    return { ok: true, value: marginType };
  }

  /**
   * One funding round for every account. Cross legs are reported together as a balance-only
   * ACCOUNT_UPDATE; each isolated leg gets its own, with that leg (PROTOCOL §6).
   */
  settleFunding(): void {
    for (const name of this.accounts.keys()) {
      const time = this.deps.now();
      const { account, charges } = applyFunding(this.get(name), this.deps.market, time);
      if (charges.length === 0) continue;
      this.accounts.set(name, account);
      const crossTotal = charges.filter((c) => c.cross).reduce((sum, c) => sum + c.amount, 0n);
      if (charges.some((c) => c.cross)) this.pushAccountUpdate(name, 'FUNDING_FEE', [], crossTotal);
      for (const charge of charges.filter((c) => !c.cross)) {
        const { leg } = charge;
        const row = this.positionRow(name, { ...leg, cumulativeRealized: leg.cumulativeRealized ?? 0n });
        this.pushAccountUpdate(name, 'FUNDING_FEE', [row], charge.amount);
      }
      this.checkRisk(name);
    }
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

  private liquidate(name: AccountName, group: LiquidationGroup): void {
    const price = quantize(group.price, 8, 'half-up');
    const rows: PositionUpdate[] = [];
    for (const m of group.legs) {
      const { leg } = m;
      const side: OrderSide = leg.positionAmt > 0n ? 'SELL' : 'BUY';
      const size = leg.positionAmt > 0n ? leg.positionAmt : -leg.positionAmt;
      const time = this.deps.now();
      const outcome = applyFill(this.get(name), { symbol: leg.symbol, side, positionSide: leg.positionSide, quantity: size, price, time });
      if (!outcome.ok) continue; // cannot happen: closing a whole open leg is always valid
      let account = outcome.result.account;
      if (!m.cross) {
        // The isolated margin left after the loss goes to the insurance fund: the leg loses its whole wallet.
        const left = leg.isolatedWallet + outcome.result.realizedPnl - outcome.result.commission;
        if (left > 0n) account = { ...account, walletBalance: account.walletBalance - left };
      }
      this.accounts.set(name, account);
      this.report(name, leg.symbol, side, leg.positionSide, size, price, outcome.result, {
        liquidation: true,
        reduceOnly: true,
      });
      rows.push(this.positionRow(name, outcome.result.leg));
    }
    this.pushAccountUpdate(name, 'ORDER', rows);
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
        E: this.deps.now(),
        ...(cross ? { cw: money8(scan.crossWallet) } : {}),
        p: candidate.legs.map((r) => marginCallPosition(r.leg, r.cross, r.mark, r.unrealized, r.maintenance)),
      });
    }
    this.marginCalled.set(name, current);
  }

  private report(
    name: AccountName,
    symbol: string,
    side: OrderSide,
    positionSide: PositionSide,
    size: Dec,
    price: Dec,
    result: FillResult,
    kind: { liquidation: boolean; reduceOnly: boolean },
  ): { orderId: number; tradeId: number } {
    const orderId = this.nextOrderId++;
    const tradeId = this.nextTradeId++;
    const time = this.deps.now();
    const spec = this.deps.market.spec(symbol);
    const stepDecimals = spec ? significantDecimalsOf(spec.stepSize) : 8;
    this.deps.emit(
      name,
      orderTradeUpdate({
        time,
        symbol,
        side,
        positionSide,
        quantity: formatQuantity(size, stepDecimals),
        price,
        commission: result.commission,
        realizedPnl: result.realizedPnl,
        orderId,
        tradeId,
        // Binance names liquidation orders "autoclose-<time>" (PROTOCOL §6).
        clientOrderId: kind.liquidation ? `autoclose-${time}` : `sim-${orderId}`,
        liquidation: kind.liquidation,
        reduceOnly: kind.reduceOnly,
      }),
    );
    return { orderId, tradeId };
  }

  private positionRow(name: AccountName, leg: LegAfter): PositionUpdate {
    const marginType = settingsOf(this.get(name), leg.symbol).marginType;
    return positionUpdate(leg, marginType, this.deps.market.markOf(leg.symbol));
  }

  private pushAccountUpdate(name: AccountName, reason: UpdateReason, rows: PositionUpdate[], balanceChange: Dec = 0n): void {
    const account = this.get(name);
    const balance = balanceUpdate(account.walletBalance, crossWalletBalance(account), balanceChange);
    this.deps.emit(name, accountUpdate(this.deps.now(), reason, [balance], rows));
  }
}

/** 80 %: the default margin-call threshold. */
export const DEFAULT_MARGIN_CALL_RATIO: Dec = (ONE * 8n) / 10n;
