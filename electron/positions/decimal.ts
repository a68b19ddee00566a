/**
 * Parsing a mark price, the one number every tick parses. `Number()` on a decimal string costs
 * ~60–90 ns here; most prices have few enough digits for an exact shortcut, which costs ~40 ns
 * (bench/PROFILE-HISTORY.md).
 */

/** Powers of ten that are exact doubles (10^22 is the largest). */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
/** Up to 15 digits, the digits read as an integer stay below 2^53, so exact. */
const MAX_EXACT_DIGITS = 15;

/**
 * The same number as `Number(text)`, bit for bit. For `-?digits[.digits]` with at most 15 digits
 * (leading zeros not counted) and at most 22 after the point, the value is an exact integer divided
 * by an exact power of ten, and one IEEE division rounds that quotient correctly — which is what
 * `Number()` returns. Anything else goes to `Number()`.
 */
export function parseDecimal(text: string): number {
  const length = text.length;
  const negative = text.charCodeAt(0) === 45; // '-'
  let value = 0;
  let digits = 0;
  let significant = 0;
  let fractionDigits = -1; // -1 until the point
  for (let index = negative ? 1 : 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46) {
      // '.'
      if (fractionDigits >= 0) return Number(text);
      fractionDigits = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return Number(text);
    value = value * 10 + digit;
    digits++;
    if (value !== 0) significant++;
    if (fractionDigits >= 0) fractionDigits++;
  }
  if (digits === 0 || significant > MAX_EXACT_DIGITS || fractionDigits >= EXACT_POWERS_OF_TEN.length) return Number(text);
  const magnitude = fractionDigits > 0 ? value / EXACT_POWERS_OF_TEN[fractionDigits]! : value;
  return negative ? -magnitude : magnitude;
}
