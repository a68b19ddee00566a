/**
 * Exact fixed-point decimals for the simulator's money math.
 *
 * Binance formats amounts, prices and PnL as decimal strings truncated or rounded to 8 places.
 * Doing that with binary floats gives wrong digits on ordinary inputs (3.5 × 3712.45 is
 * 12993.574999… in IEEE doubles), so every exchange-side value is a bigint scaled by 10^18.
 * Products of a 3-dp quantity and an 8-dp price are exact at that scale; only divisions
 * (liquidation and break-even prices) truncate, 10 places beyond anything we print.
 */

/** A decimal number stored as an integer count of 10^-18 units. */
export type Dec = bigint;

/** Number of fractional digits carried by every {@link Dec}. */
export const SCALE = 18;

/** The value 1 as a {@link Dec}. */
export const ONE: Dec = 10n ** BigInt(SCALE);

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal string (`"-3.500"`, `"0.0001"`, `"42"`); no exponents, no `+`.
 * Throws on anything else so bad demo data or a bad `setMark` argument fails loudly.
 */
export function dec(text: string): Dec {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > SCALE) throw new RangeError(`more than ${SCALE} decimals: ${text}`);
  const units = BigInt(whole) * ONE + BigInt(fraction.padEnd(SCALE, '0'));
  return sign === '-' ? -units : units;
}

/** Whether `text` is a plain decimal string {@link dec} accepts. */
export function isDecimalText(text: string): boolean {
  const match = DECIMAL_TEXT.exec(text);
  return match !== null && (match[3] ?? '').length <= SCALE;
}

/** a × b, truncated toward zero at 18 places. */
export function mul(a: Dec, b: Dec): Dec {
  return (a * b) / ONE;
}

/** a ÷ b, truncated toward zero at 18 places. Throws on division by zero. */
export function div(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new RangeError('division by zero');
  return (a * ONE) / b;
}

/** |a| */
export function abs(a: Dec): Dec {
  return a < 0n ? -a : a;
}

/** How a value is cut to fewer decimals: toward zero, or half away from zero. */
export type Rounding = 'truncate' | 'half-up';

/** Cuts `a` to `places` decimals (still scaled by 10^18). */
export function quantize(a: Dec, places: number, rounding: Rounding): Dec {
  const unit = 10n ** BigInt(SCALE - places);
  const kept = (a / unit) * unit;
  if (rounding === 'truncate') return kept;
  const rest = abs(a - kept);
  if (rest * 2n < unit) return kept;
  return a < 0n ? kept - unit : kept + unit;
}

/**
 * Renders `a` with exactly `places` decimals (`places` = 0 gives an integer).
 * Never renders a negative zero: Binance prints "0.00000000", not "-0.00000000".
 */
export function toFixed(a: Dec, places: number, rounding: Rounding = 'truncate'): string {
  const cut = quantize(a, places, rounding);
  const negative = cut < 0n;
  const digits = abs(cut).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, digits.length - SCALE);
  const fraction = digits.slice(digits.length - SCALE, digits.length - SCALE + places);
  const body = places > 0 ? `${whole}.${fraction}` : whole;
  return negative ? `-${body}` : body;
}

/** Renders `a` with trailing zeros removed but at least `minPlaces` decimals ("22185.2", "0.0"). */
export function toTrimmed(a: Dec, maxPlaces: number, minPlaces = 1, rounding: Rounding = 'half-up'): string {
  const text = toFixed(a, maxPlaces, rounding);
  const dot = text.indexOf('.');
  if (dot < 0) return minPlaces > 0 ? `${text}.${'0'.repeat(minPlaces)}` : text;
  let end = text.length;
  while (end > dot + 1 + minPlaces && text[end - 1] === '0') end--;
  const trimmed = text.slice(0, end);
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

/** Number of decimals in a decimal string as written ("0.010" → 3, "1" → 0). */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Number of significant decimals of a step or tick size ("0.010" → 2, "1" → 0). */
export function significantDecimalsOf(text: string): number {
  return decimalsOf(toTrimmed(dec(text), SCALE, 0));
}
