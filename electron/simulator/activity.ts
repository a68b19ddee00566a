/**
 * The activity generator: occasional small market fills on random open positions, so a demo
 * looks alive (ORDER_TRADE_UPDATE and ACCOUNT_UPDATE keep arriving, entries drift). Seeded:
 * the same seed makes the same choices. It never opens, closes or flips a leg, only nudges.
 */
import type { AccountName } from './account-model';
import type { AccountBook } from './account-book';
import { type Dec, abs, dec, mul } from './decimal';
import type { Market } from './market';
import { type Random, mulberry32 } from './prng';

/** Options of {@link startActivity}. */
export interface ActivityOptions {
  readonly book: AccountBook;
  readonly market: Market;
  readonly seed: number;
  /** Mean delay between fills, ms; actual delays vary from half to one and a half times it. */
  readonly intervalMs: number;
}

const ACCOUNTS: readonly AccountName[] = ['oneway', 'hedge'];

/** Starts generating; the returned function stops it. */
export function startActivity({ book, market, seed, intervalMs }: ActivityOptions): () => void {
  // A different stream from the price walk's, so turning activity on never changes prices.
  const random = mulberry32(seed ^ 0x5eed);
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    timer = setTimeout(() => {
      nudge(book, market, random);
      schedule();
    }, Math.round(intervalMs * (0.5 + random())));
  };
  schedule();
  return () => clearTimeout(timer);
}

/** One small fill: 1–10 % of a random leg (at least one step), added or taken off. */
export function nudge(book: AccountBook, market: Market, random: Random): void {
  const name = ACCOUNTS[Math.floor(random() * ACCOUNTS.length)] ?? 'oneway';
  const legs = book.get(name).positions;
  const leg = legs[Math.floor(random() * legs.length)];
  if (!leg) return;
  const spec = market.spec(leg.symbol);
  if (!spec) return;
  const step = dec(spec.stepSize);
  const size = abs(leg.positionAmt);
  const share = dec((0.01 + random() * 0.09).toFixed(6));
  let quantity: Dec = (mul(size, share) / step) * step;
  if (quantity < step) quantity = step;
  const long = leg.positionAmt > 0n;
  // Reduce only when something is left afterwards; otherwise add.
  const reduce = random() < 0.5 && quantity < size;
  const side = long === reduce ? 'SELL' : 'BUY';
  book.fill(name, { symbol: leg.symbol, side, positionSide: leg.positionSide, quantity });
}
