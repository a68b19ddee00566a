/**
 * A trade against an account (PROTOCOL §4/§6 semantics): the size moves by the fill, the entry
 * price is the size-weighted average on increases, reductions realise `closed × (price −
 * entry)`, a one-way position that crosses zero flips (the rest opens at the fill price), and
 * the taker commission is paid from the wallet. Isolated legs move margin between the cross
 * wallet and the leg: the initial margin of what is added, the same share of the isolated
 * wallet for what is closed. Pure: `Account → Account`.
 */
import { type Account, type OpenPosition, type PositionSide, positionOf, settingsOf } from './account-model';
import { type Dec, ONE, abs, div, mul, quantize } from './decimal';
import { TAKER_FEE_RATE } from './position-math';

/** BUY raises the signed size, SELL lowers it. */
export type OrderSide = 'BUY' | 'SELL';

/** One fill, as the control endpoint or the activity generator asks for it. */
export interface Fill {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  /** Positive. */
  readonly quantity: Dec;
  /** Positive. */
  readonly price: Dec;
  readonly time: number;
}

/** The state of the traded leg after the fill (flat legs have size 0). */
export interface LegAfter {
  readonly symbol: string;
  readonly positionSide: PositionSide;
  readonly positionAmt: Dec;
  readonly entryPrice: Dec;
  readonly isolatedWallet: Dec;
  readonly cumulativeRealized: Dec;
  /** Σ buys × price − Σ sells × price since the leg opened (0 when flat); see OpenPosition. */
  readonly costBasis?: Dec;
}

/** What a fill did. */
export interface FillResult {
  readonly account: Account;
  /** Realised PnL of this fill, before the commission. */
  readonly realizedPnl: Dec;
  readonly commission: Dec;
  readonly leg: LegAfter;
}

/** A fill, or why Binance would refuse it. */
export type FillOutcome = { ok: true; result: FillResult } | { ok: false; error: string };

/** Commissions and realised PnL are booked to 8 decimals, like every wallet amount Binance prints. */
const COMMISSION_DECIMALS = 8;

/** Applies `fill` to `account`. */
export function applyFill(account: Account, fill: Fill, feeRate: Dec = TAKER_FEE_RATE): FillOutcome {
  const { symbol, side, positionSide, quantity, price } = fill;
  if (quantity <= 0n || price <= 0n) return { ok: false, error: 'quantity and price must be positive' };
  if (account.mode === 'oneway' && positionSide !== 'BOTH') {
    return { ok: false, error: "positionSide must be BOTH in one-way mode (Binance -4061: position side does not match the user's setting)" };
  }
  if (account.mode === 'hedge' && positionSide === 'BOTH') {
    return { ok: false, error: "positionSide must be LONG or SHORT in hedge mode (Binance -4061: position side does not match the user's setting)" };
  }
  const old = positionOf(account, symbol, positionSide);
  const amount = old?.positionAmt ?? 0n;
  const delta = side === 'BUY' ? quantity : -quantity;
  const reducing = amount !== 0n && amount > 0n !== delta > 0n;
  if (positionSide !== 'BOTH') {
    // Hedge legs never cross zero: BUY on SHORT and SELL on LONG only reduce (Binance -2022).
    const opening = (positionSide === 'LONG') === (side === 'BUY');
    if (!opening && (!reducing || quantity > abs(amount))) {
      return { ok: false, error: `a ${side} on the ${positionSide} leg may only reduce it, by at most its size (Binance -2022 ReduceOnly rejected)` };
    }
  }

  const leverage = BigInt(settingsOf(account, symbol).leverage) * ONE;
  const isolated = settingsOf(account, symbol).marginType === 'isolated';
  const marginFor = (size: Dec, at: Dec): Dec => (isolated ? quantize(div(mul(size, at), leverage), 8, 'truncate') : 0n);
  const entry = old?.entryPrice ?? 0n;
  const wallet = old?.isolatedWallet ?? 0n;
  const after = amount + delta;
  // The break-even's running cost: a flip starts a new position at this price (PROTOCOL §13.11).
  const oldCost = old ? (old.costBasis ?? mul(amount, entry)) : 0n;
  const flips = after !== 0n && amount !== 0n && after > 0n !== amount > 0n;
  const costBasis = after === 0n ? 0n : flips ? mul(after, price) : oldCost + mul(delta, price);

  let realizedPnl = 0n;
  let entryPrice: Dec;
  let isolatedWallet: Dec;
  if (!reducing) {
    entryPrice = div(mul(abs(amount), entry) + mul(quantity, price), abs(amount) + quantity);
    isolatedWallet = wallet + marginFor(quantity, price);
  } else {
    const closed = quantity < abs(amount) ? quantity : abs(amount);
    // Wallet amounts are 8-decimal, like the commission: the realised PnL is booked (and listed in
    // the income history) to 8 decimals, so the wallet never holds digits no reply can show.
    realizedPnl = quantize(mul(mul(closed, price - entry), amount > 0n ? ONE : -ONE), COMMISSION_DECIMALS, 'truncate');
    const released = div(mul(wallet, closed), abs(amount));
    const flipped = after !== 0n && after > 0n !== amount > 0n;
    entryPrice = flipped ? price : entry;
    isolatedWallet = flipped ? marginFor(abs(after), price) : after === 0n ? 0n : wallet - released;
  }
  const commission = quantize(mul(mul(quantity, price), feeRate), COMMISSION_DECIMALS, 'truncate');
  const cumulativeRealized = (old?.cumulativeRealized ?? 0n) + realizedPnl;
  const leg: LegAfter = {
    symbol,
    positionSide,
    positionAmt: after,
    entryPrice: after === 0n ? 0n : entryPrice,
    isolatedWallet: after === 0n ? 0n : isolatedWallet,
    cumulativeRealized,
    costBasis,
  };
  const open: OpenPosition | undefined =
    after === 0n
      ? undefined
      : { symbol, positionSide, positionAmt: after, entryPrice, isolatedWallet: leg.isolatedWallet, updateTime: fill.time, cumulativeRealized, costBasis };
  return {
    ok: true,
    result: {
      account: {
        ...account,
        walletBalance: account.walletBalance + realizedPnl - commission,
        positions: replaceLeg(account.positions, symbol, positionSide, open),
        updateTime: fill.time,
      },
      realizedPnl,
      commission,
      leg,
    },
  };
}

/** The legs with (symbol, side) replaced by `leg` (kept in place), removed (flat) or appended (new). */
export function replaceLeg(
  legs: readonly OpenPosition[],
  symbol: string,
  side: PositionSide,
  leg: OpenPosition | undefined,
): OpenPosition[] {
  const index = legs.findIndex((p) => p.symbol === symbol && p.positionSide === side);
  if (index < 0) return leg ? [...legs, leg] : [...legs];
  const copy = [...legs];
  if (leg) copy[index] = leg;
  else copy.splice(index, 1);
  return copy;
}
