/**
 * The demo market: a seeded random walk of every trading symbol's mark price, with an index
 * price next to it and a moving average of the mark (the stream's `ap`). Deterministic for a
 * given seed, so the same session replays identically.
 */
import { type Dec, dec, decimalsOf, isDecimalText, significantDecimalsOf, toFixed } from './decimal';
import { type Random, mulberry32, normal } from './prng';
import type { SymbolSpec } from './symbols';

/** Standard deviation of one mark step, relative to the price (0.05 %). */
export const MARK_STEP_SIGMA = 0.0005;

/** Standard deviation of the index around the mark (0.02 %): a small, realistic basis. */
const INDEX_SPREAD_SIGMA = 0.0002;

/** The `ap` average is an EMA with this many steps of memory. */
const AVERAGE_STEPS = 30n;

/** The most decimals a mark carries: Binance prints marks with 8. */
const MAX_MARK_DECIMALS = 8;

/** A symbol's current prices. */
export interface MarkQuote {
  readonly symbol: string;
  readonly markPrice: Dec;
  readonly indexPrice: Dec;
  readonly averagePrice: Dec;
  /** Empty for delivery contracts, which have no funding. */
  readonly fundingRate: string;
}

/** The walk's controls. */
export interface PriceWalk {
  /** Moves every mark one step (pinned marks stay put for this step). */
  step(): void;
  /** Forces a mark; it is published unchanged by the next step, and the walk resumes from it. */
  setMark(symbol: string, price: string): void;
  /** The current mark; throws for a symbol the walk does not price. */
  markOf(symbol: string): Dec;
  /** Every symbol's quote, in listing order. */
  quotes(): readonly MarkQuote[];
  /** One symbol's quote; throws for a symbol the walk does not price. */
  quoteOf(symbol: string): MarkQuote;
}

interface State {
  quote: MarkQuote;
  readonly decimals: number;
  pinned: boolean;
}

/**
 * Starts a walk at each symbol's `initialMark`. Marks are rounded to two decimals below the
 * tick size: real marks are computed from index prices and are finer than the tick.
 */
export function createPriceWalk(symbols: readonly SymbolSpec[], seed: number): PriceWalk {
  const random = mulberry32(seed);
  const states = new Map<string, State>();
  for (const s of symbols) {
    const mark = dec(s.initialMark);
    const decimals = Math.min(significantDecimalsOf(s.tickSize) + 2, MAX_MARK_DECIMALS);
    const quote: MarkQuote = {
      symbol: s.symbol,
      markPrice: mark,
      indexPrice: mark,
      averagePrice: mark,
      fundingRate: s.fundingRate,
    };
    states.set(s.symbol, { quote, decimals, pinned: false });
  }

  const stateOf = (symbol: string): State => {
    const state = states.get(symbol);
    if (!state) throw new RangeError(`no mark price for ${symbol}`);
    return state;
  };

  return {
    step() {
      for (const state of states.values()) advance(state, random);
    },
    setMark(symbol, price) {
      const state = stateOf(symbol);
      if (!isPositivePrice(price)) {
        throw new RangeError(`mark price must be a positive decimal with at most 8 decimals: ${price}`);
      }
      state.quote = { ...state.quote, markPrice: dec(price) };
      state.pinned = true;
    },
    markOf: (symbol) => stateOf(symbol).quote.markPrice,
    quotes: () => [...states.values()].map((s) => s.quote),
    quoteOf: (symbol) => stateOf(symbol).quote,
  };
}

/**
 * One step of one symbol. Both normal draws are taken even for a pinned mark, so pinning one
 * symbol never shifts the random sequence the other symbols see.
 */
function advance(state: State, random: Random): void {
  const markShock = normal(random);
  const indexShock = normal(random);
  const previous = state.quote;
  const moved = state.pinned
    ? previous.markPrice
    : scale(previous.markPrice, MARK_STEP_SIGMA * markShock, state.decimals);
  const markPrice = moved > 0n ? moved : previous.markPrice; // a sub-unit price must never round to 0
  state.pinned = false;
  const indexPrice = scale(markPrice, INDEX_SPREAD_SIGMA * indexShock, state.decimals);
  const averagePrice = previous.averagePrice + (markPrice - previous.averagePrice) / AVERAGE_STEPS;
  state.quote = { ...previous, markPrice, indexPrice, averagePrice };
}

function isPositivePrice(text: string): boolean {
  return isDecimalText(text) && !text.startsWith('-') && decimalsOf(text) <= MAX_MARK_DECIMALS && dec(text) > 0n;
}

/** price × (1 + relative), rounded to `decimals`. Float math is fine for a random step. */
function scale(price: Dec, relative: number, decimals: number): Dec {
  const moved = Number(toFixed(price, MAX_MARK_DECIMALS)) * (1 + relative);
  return dec(moved.toFixed(decimals));
}
