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
