/**
 * Display formatting, the one place where exchange decimals and derived numbers become text.
 * Prices are shown on the symbol's tick grid and sizes on its step grid, the way the exchange does.
 * Rounding is done on the decimal string itself, so no binary floating-point error reaches the screen.
 */
import { isZeroDecimal } from './decimal';

/** Shown where the exchange says a value does not apply (e.g. liquidation price "0"). */
export const NOT_AVAILABLE = '—';

const MINUS = '−';

/** Number of decimals a tick or step size implies: "0.10" → 1, "0.001" → 3, "1" → 0. */
export function decimalsOfStep(step: string): number {
  const dot = step.indexOf('.');
  if (dot < 0) return 0;
  const fraction = step.slice(dot + 1).replace(/0+$/, '');
  return fraction.length;
}

/**
 * Rounds a decimal string to `decimals` places, half away from zero, without going through a float.
 * Returns the sign separately so callers can choose how to show it.
 */
export function roundDecimalString(value: string, decimals: number): { negative: boolean; digits: string } {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (match === null) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  const negative = match[1] === '-';
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? '';
  const padded = (fraction + '0'.repeat(decimals + 1)).slice(0, decimals + 1);
  let kept = BigInt(whole + padded.slice(0, decimals));
  if (Number(padded.charAt(decimals)) >= 5) kept += 1n;
  let text = kept.toString().padStart(decimals + 1, '0');
  if (decimals > 0) text = `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  const isZero = /^[0.]*$/.test(text);
  return { negative: negative && !isZero, digits: text };
}

/** Inserts thousands separators into the integer part of an unsigned decimal string. */
function groupThousands(digits: string): string {
  const [whole = '0', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A decimal string on a grid (tick or step size), e.g. formatDecimal("21123.05052574", "0.10") → "21,123.1". */
export function formatDecimal(value: string, step: string): string {
  const { negative, digits } = roundDecimalString(value, decimalsOfStep(step));
  return `${negative ? MINUS : ''}${groupThousands(digits)}`;
}

/** A price on the tick grid, or "—" where the exchange sent a zero meaning "not available". */
export function formatPrice(value: string, tickSize: string): string {
  return isZeroDecimal(value) ? NOT_AVAILABLE : formatDecimal(value, tickSize);
}

/** A size on the step grid, unsigned: the side column says long or short. */
export function formatQuantity(value: string, stepSize: string): string {
  return formatDecimal(value.replace(/^-/, ''), stepSize);
}

/** Converts a finite number to a plain decimal string (no exponent) for grid formatting. */
function numberToDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return value.toFixed(12).replace(/\.?0+$/, '') || '0';
}

/** A signed amount of quote currency, e.g. "+12.34" / "−5.60" (two decimals, like the exchange UI). */
export function formatPnl(value: number, decimals = 2): string {
  const { negative, digits } = roundDecimalString(numberToDecimalString(value), decimals);
  const sign = negative ? MINUS : /[1-9]/.test(digits) ? '+' : '';
  return `${sign}${groupThousands(digits)}`;
}

/** An unsigned amount of quote currency with thousands separators, e.g. notional "21,123.05". */
export function formatAmount(value: number, decimals = 2): string {
  const { digits } = roundDecimalString(numberToDecimalString(Math.abs(value)), decimals);
  return groupThousands(digits);
}

/** A signed percentage, e.g. "+124.13%"; "—" when unknown. */
export function formatPercent(value: number | null, decimals = 2): string {
  return value === null || !Number.isFinite(value) ? NOT_AVAILABLE : `${formatPnl(value, decimals)}%`;
}
