/**
 * Binance's string styles for `account.position` fields, taken from the documented replies
 * (test/fixtures/account-position-*.json). Each field family has its own style, so each gets
 * a named function instead of ad-hoc `toFixed` calls spread through the row builder.
 */
import { type Dec, toFixed, toTrimmed } from './decimal';

/** Prices the exchange derives (mark, liquidation, index): 8 decimals, rounded ("21123.05052574"). */
export function price8(value: Dec): string {
  return toFixed(value, 8, 'half-up');
}

/**
 * Money amounts (uPnL, notional, margins): 8 decimals, truncated toward zero. The fixture's
 * notional 0.001 × 21123.05052574 = 21.12305052574 is printed "21.12305052", not "…053".
 */
export function money8(value: Dec): string {
  return toFixed(value, 8, 'truncate');
}

/** Entry and break-even prices: shortest form with at least one decimal ("22185.2", "0.0"). */
export function trimmedPrice(value: Dec): string {
  return toTrimmed(value, 8, 1);
}

/** Position sizes: exactly the step size's decimals ("0.250", "-3.500", "40"). */
export function quantity(value: Dec, stepDecimals: number): string {
  return toFixed(value, stepDecimals, 'truncate');
}

/** Integer-valued limits such as `maxNotionalValue` ("230000000"). */
export function integerText(value: Dec): string {
  return toTrimmed(value, 8, 0);
}
