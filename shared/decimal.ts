/**
 * Exchange decimals kept as the exchange wrote them. Binance sends prices and sizes as strings so
 * that no precision is lost; we keep them as strings until they are formatted for display.
 * (No zod here: the renderer imports this file, and zod probes `new Function` on load, which the
 * renderer's CSP forbids.)
 */

/** A plain decimal: optional minus, digits, optional fraction. No exponent, no "NaN", no spaces. */
export const DECIMAL_PATTERN = /^-?\d{1,30}(\.\d{1,30})?$/;

/**
 * True when an exchange decimal means "not available". Binance writes "0", "0.0", "0.00000000" for
 * a liquidation price, break-even price or entry price that does not apply (flat rows, or a field the
 * server has not filled in).
 */
export function isZeroDecimal(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value);
}

/** `value` in one spelling per number: no sign on zero, no leading or trailing zeros ("-0.50" → "-.5"). */
function canonicalDecimal(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const digits = `${whole.replace(/^0+/, '')}.${fraction.replace(/0+$/, '')}`;
  return digits === '.' ? '0' : negative ? `-${digits}` : digits;
}

/**
 * True when two exchange decimals are the same number, exactly ("1.50" and "1.5", "-0" and "0").
 * `Number()` would call decimals equal that differ past its 15–17 significant digits; the exchange's
 * strings carry up to 30. Strings that are not plain decimals are equal only when identical.
 */
export function sameDecimal(a: string, b: string): boolean {
  if (a === b) return true;
  if (!DECIMAL_PATTERN.test(a) || !DECIMAL_PATTERN.test(b)) return false;
  return canonicalDecimal(a) === canonicalDecimal(b);
}
