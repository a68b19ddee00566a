/**
 * A quoting bot on the same account (PROTOCOL §13.6): `ORDER_TRADE_UPDATE` events by the
 * hundred — NEW, then CANCELED, AMENDMENT + CANCELED, or EXPIRED (a post-only order that would
 * have taken) — and no fills, so no ACCOUNT_UPDATE and no position change. A client that asks
 * for a snapshot on every order event burns the IP's shared weight budget; this is the load that
 * shows it. Bounded (rate and duration), timer-driven, and stopped with the simulator.
 */
import type { AccountName } from './account-model';
import { type Dec, dec, div, mul, quantize, significantDecimalsOf } from './decimal';
import type { OrderSide } from './fills';
import { quantity as formatQuantity, trimmedPrice } from './format';
import type { SymbolSpec } from './symbols';
import type { EventTimes, OrderTradeUpdateEvent, OrderUpdate, UserEvent } from './user-events';

/** At most this many orders per second… */
export const MAX_QUOTES_PER_SECOND = 200;
/** …for at most this long. */
export const MAX_QUOTE_DURATION_MS = 60_000;

/** What a flood needs. */
export interface QuoteDeps {
  readonly spec: SymbolSpec;
  readonly mark: () => Dec;
  /** Sends one event, stamped with the book's event clock. */
  readonly emit: (account: AccountName, build: (times: EventTimes) => UserEvent) => void;
  readonly nextOrderId: () => number;
  /** Hedge-mode accounts quote on LONG (buys) and SHORT (sells); one-way on BOTH. */
  readonly hedge: boolean;
}

/** The order lifecycles a quoting bot goes through, in rotation. */
const LIFECYCLES: readonly (readonly ['NEW' | 'AMENDMENT' | 'CANCELED' | 'EXPIRED', OrderUpdate['X']][])[] = [
  [['NEW', 'NEW'], ['CANCELED', 'CANCELED']],
  [['NEW', 'NEW'], ['AMENDMENT', 'NEW'], ['CANCELED', 'CANCELED']],
  [['NEW', 'NEW'], ['EXPIRED', 'EXPIRED']],
];

/** How many orders a flood sends: rate × duration, at least one. */
export function quoteCount(ordersPerSecond: number, durationMs: number): number {
  return Math.max(1, Math.floor((ordersPerSecond * durationMs) / 1000));
}

/** Runs the flood's timers; the returned function stops them early. */
export function startQuoteFlood(
  account: AccountName,
  ordersPerSecond: number,
  durationMs: number,
  deps: QuoteDeps,
  onDone: () => void,
): () => void {
  const total = quoteCount(ordersPerSecond, durationMs);
  let sent = 0;
  const timer = setInterval(() => {
    quoteOnce(account, sent, deps);
    sent += 1;
    if (sent >= total) stop();
  }, Math.max(1, Math.floor(1000 / ordersPerSecond)));
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    onDone();
  };
  return stop;
}

/** One order's whole life, a little off the mark on the spec's grid. */
function quoteOnce(account: AccountName, index: number, deps: QuoteDeps): void {
  const { spec } = deps;
  const side: OrderSide = index % 2 === 0 ? 'BUY' : 'SELL';
  const mark = deps.mark();
  const tick = dec(spec.tickSize);
  // 0.1 % inside the book on the passive side: a resting quote, never a taker.
  const away = mul(mark, dec(side === 'BUY' ? '0.999' : '1.001'));
  const price = (away / tick) * tick;
  const step = dec(spec.stepSize);
  // Twice the minimum notional, rounded up to the step.
  const minimum = div(mul(dec(spec.minNotional), dec('2')), price > 0n ? price : tick);
  const size = (quantize(minimum, significantDecimalsOf(spec.stepSize), 'truncate') / step + 1n) * step;
  const orderId = deps.nextOrderId();
  const lifecycle = LIFECYCLES[index % LIFECYCLES.length]!;
  lifecycle.forEach(([execution, status]) => {
    const positionSide = deps.hedge ? (side === 'BUY' ? 'LONG' : 'SHORT') : 'BOTH';
    deps.emit(account, (times) => quoteEvent(times, { spec, side, positionSide, orderId, price, size, execution, status }));
  });
}

interface QuoteState {
  readonly spec: SymbolSpec;
  readonly side: OrderSide;
  readonly positionSide: OrderUpdate['ps'];
  readonly orderId: number;
  readonly price: Dec;
  readonly size: Dec;
  readonly execution: 'NEW' | 'AMENDMENT' | 'CANCELED' | 'EXPIRED';
  readonly status: OrderUpdate['X'];
}

/** ORDER_TRADE_UPDATE of a resting limit order that never fills. */
function quoteEvent(times: EventTimes, q: QuoteState): OrderTradeUpdateEvent {
  const open = q.status === 'NEW';
  const notional = trimmedPrice(mul(q.price, q.size));
  const postOnly = q.execution === 'EXPIRED';
  return {
    e: 'ORDER_TRADE_UPDATE',
    E: times.E,
    T: times.T,
    o: {
      s: q.spec.symbol,
      c: `quote-${q.orderId}`,
      S: q.side,
      o: 'LIMIT',
      f: postOnly ? 'GTX' : 'GTC',
      q: formatQuantity(q.size, significantDecimalsOf(q.spec.stepSize)),
      p: trimmedPrice(q.price),
      ap: '0',
      sp: '0',
      x: q.execution,
      X: q.status,
      i: q.orderId,
      l: '0',
      z: '0',
      L: '0',
      N: 'USDT',
      n: '0',
      T: times.T,
      t: 0,
      // Open orders hold bid/ask notional; a finished one holds none.
      b: open && q.side === 'BUY' ? notional : '0',
      a: open && q.side === 'SELL' ? notional : '0',
      m: false,
      R: false,
      wt: 'CONTRACT_PRICE',
      ot: 'LIMIT',
      ps: q.positionSide,
      cp: false,
      rp: '0',
      pP: false,
      si: 0,
      ss: 0,
      V: postOnly ? 'EXPIRE_MAKER' : 'EXPIRE_TAKER',
      pm: 'NONE',
      gtd: 0,
    },
  };
}
