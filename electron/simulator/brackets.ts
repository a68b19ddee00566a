/**
 * Notional and leverage brackets (the data behind `GET /fapi/v1/leverageBracket`): which
 * maintenance margin ratio applies at which position notional, and the maximum leverage.
 * The tables are shaped like Binance's published tiers; the `cum` of each bracket is derived
 * with the documented recurrence instead of being typed in, so it cannot drift from the ratios.
 */
import { type Dec, dec, mul } from './decimal';

/** One bracket as it would be written in a table. */
export interface BracketSpec {
  readonly initialLeverage: number;
  readonly notionalFloor: string;
  readonly notionalCap: string;
  readonly maintMarginRatio: string;
}

/** One bracket ready for math, with its maintenance amount `cum`. */
export interface Bracket {
  readonly bracket: number;
  readonly initialLeverage: number;
  readonly notionalFloor: Dec;
  readonly notionalCap: Dec;
  readonly maintMarginRatio: Dec;
  readonly cum: Dec;
}

/** Names of the bracket tables a symbol can use. */
export type BracketTier = 'btc' | 'large' | 'alt';

const row = (initialLeverage: number, floor: string, cap: string, ratio: string): BracketSpec => ({
  initialLeverage,
  notionalFloor: floor,
  notionalCap: cap,
  maintMarginRatio: ratio,
});

const TABLES: Record<BracketTier, readonly BracketSpec[]> = {
  btc: [
    row(125, '0', '300000', '0.004'),
    row(100, '300000', '800000', '0.005'),
    row(75, '800000', '3000000', '0.0065'),
    row(50, '3000000', '12000000', '0.01'),
    row(25, '12000000', '70000000', '0.02'),
    row(20, '70000000', '100000000', '0.025'),
    row(10, '100000000', '230000000', '0.05'),
    row(5, '230000000', '480000000', '0.1'),
    row(4, '480000000', '600000000', '0.125'),
    row(3, '600000000', '800000000', '0.15'),
    row(2, '800000000', '1200000000', '0.25'),
    row(1, '1200000000', '1800000000', '0.5'),
  ],
  large: [
    row(100, '0', '50000', '0.005'),
    row(75, '50000', '600000', '0.0065'),
    row(50, '600000', '3000000', '0.01'),
    row(25, '3000000', '12000000', '0.02'),
    row(10, '12000000', '50000000', '0.05'),
    row(5, '50000000', '65000000', '0.1'),
    row(4, '65000000', '80000000', '0.125'),
    row(3, '80000000', '150000000', '0.15'),
    row(2, '150000000', '300000000', '0.25'),
    row(1, '300000000', '500000000', '0.5'),
  ],
  alt: [
    row(75, '0', '5000', '0.0065'),
    row(50, '5000', '25000', '0.01'),
    row(25, '25000', '100000', '0.02'),
    row(20, '100000', '250000', '0.025'),
    row(10, '250000', '1000000', '0.05'),
    row(5, '1000000', '5000000', '0.1'),
    row(4, '5000000', '7500000', '0.125'),
    row(3, '7500000', '10000000', '0.15'),
    row(2, '10000000', '15000000', '0.25'),
    row(1, '15000000', '25000000', '0.5'),
  ],
};

/**
 * Builds math-ready brackets from a table, deriving each `cum` by the recurrence
 * `cum_n = floor_n × (mmr_n − mmr_{n−1}) + cum_{n−1}` (PROTOCOL §10), which keeps the
 * maintenance margin continuous at every bracket boundary.
 */
export function buildBrackets(specs: readonly BracketSpec[]): Bracket[] {
  const out: Bracket[] = [];
  let previousRatio = 0n;
  let previousCum = 0n;
  specs.forEach((spec, index) => {
    const notionalFloor = dec(spec.notionalFloor);
    const maintMarginRatio = dec(spec.maintMarginRatio);
    const cum = mul(notionalFloor, maintMarginRatio - previousRatio) + previousCum;
    out.push({
      bracket: index + 1,
      initialLeverage: spec.initialLeverage,
      notionalFloor,
      notionalCap: dec(spec.notionalCap),
      maintMarginRatio,
      cum,
    });
    previousRatio = maintMarginRatio;
    previousCum = cum;
  });
  return out;
}

const BUILT: Record<BracketTier, readonly Bracket[]> = {
  btc: buildBrackets(TABLES.btc),
  large: buildBrackets(TABLES.large),
  alt: buildBrackets(TABLES.alt),
};

/** The brackets of a tier. */
export function bracketsOf(tier: BracketTier): readonly Bracket[] {
  return BUILT[tier];
}

/**
 * The bracket that applies to an absolute notional: the first whose cap is not exceeded
 * (caps inclusive). Past the last cap the last bracket applies. Which side of a boundary
 * wins does not change the margin, because `cum` makes it continuous there.
 */
export function bracketFor(brackets: readonly Bracket[], absNotional: Dec): Bracket {
  const found = brackets.find((b) => absNotional <= b.notionalCap) ?? brackets[brackets.length - 1];
  if (!found) throw new RangeError('empty bracket table');
  return found;
}

/**
 * `maxNotionalValue` at a leverage: the cap of the last bracket that still allows that
 * leverage (BTC at 10× → 230,000,000). Zero if even the first bracket does not allow it.
 */
export function maxNotionalAt(brackets: readonly Bracket[], leverage: number): Dec {
  let cap = 0n;
  for (const b of brackets) if (b.initialLeverage >= leverage) cap = b.notionalCap;
  return cap;
}
