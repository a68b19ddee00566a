/**
 * Display formatting, the one place where exchange decimals and derived numbers become text.
 * Prices are shown on the symbol's tick grid and sizes on its step grid, the way the exchange does.
 *
 * Numbers reach `Intl.NumberFormat` as exact decimal strings (it rounds and groups a string without
 * turning it into a float), so no binary floating-point error reaches the screen and grouping follows
 * the user's locale. Nothing here throws: a value that is not a number (a bad frame, NaN, Infinity)
 * is shown as "—", and a huge one is shown whole.
 */
import { isZeroDecimal } from './decimal';

/** Shown where the exchange says a value does not apply (e.g. liquidation price "0"), or a value is not a number. */
export const NOT_AVAILABLE = '—';

const MINUS = '−';

/** More decimals than any tick or step has; bounds the work a hostile step string can cause. */
const MAX_DECIMALS = 30;
/** Exponents beyond this are not display values (a JS number stays within ±324). */
const MAX_EXPONENT = 400;
/**
 * Intl's exact string path has limits older engines enforce: at most 20 fraction digits (Node 20's
 * V8), and a magnitude that fits a double (bigger strings come out as "∞"). Past either, the value is
 * rounded here and only its integer part is grouped by Intl, as a BigInt, which is exact at any size.
 */
const MAX_INTL_FRACTION_DIGITS = 20;
const MAX_INTL_INTEGER_DIGITS = 300;

// --- The locale ---

let displayLocale: string | undefined;

/**
 * Sets the locale numbers are grouped for (e.g. "de-DE" → 21.123,1); undefined, the default, means
 * the runtime's own (the OS language in the app). Digits stay Latin whatever the locale, as on the
 * exchange. An unknown locale tag falls back to the default instead of failing.
 */
export function setDisplayLocale(locale: string | undefined): void {
  displayLocale = locale;
  formatters.clear();
}

const formatters = new Map<number, Intl.NumberFormat>();

function formatterFor(decimals: number): Intl.NumberFormat {
  let formatter = formatters.get(decimals);
  if (formatter === undefined) {
    const options: Intl.NumberFormatOptions = { minimumFractionDigits: decimals, maximumFractionDigits: decimals, numberingSystem: 'latn', useGrouping: true };
    try {
      formatter = new Intl.NumberFormat(displayLocale, options);
    } catch {
      formatter = new Intl.NumberFormat(undefined, options);
    }
    formatters.set(decimals, formatter);
  }
  return formatter;
}

// --- Decimal strings ---

interface PlainDecimal {
  negative: boolean;
  /** Integer digits, no leading zeros but at least one digit. */
  whole: string;
  /** Fraction digits, possibly empty. */
  fraction: string;
}

/**
 * Reads a decimal string — plain ("-12.50") or with an exponent ("1e+21", the way JavaScript writes
 * large and tiny numbers) — into plain digits; null when it is not a finite decimal.
 */
function parseDecimal(value: string): PlainDecimal | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/.exec(value.trim());
  if (match === null) return null;
  const [, sign = '', intDigits = '', fracDigits = '', exponentText] = match;
  if (intDigits === '' && fracDigits === '') return null;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return null;
  // Shift the decimal point by the exponent on the digit string itself.
  const digits = intDigits + fracDigits;
  const point = intDigits.length + exponent;
  const padded = point < 0 ? '0'.repeat(-point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = Math.max(point, 0);
  const whole = padded.slice(0, at).replace(/^0+/, '') || '0';
  return { negative: sign === '-', whole, fraction: padded.slice(at) };
}

function plainText(decimal: PlainDecimal): string {
  return decimal.fraction === '' ? decimal.whole : `${decimal.whole}.${decimal.fraction}`;
}

/** A safe count of decimals: an integer in 0…30 whatever the caller passed. */
function clampDecimals(decimals: number): number {
  return Number.isFinite(decimals) ? Math.min(Math.max(Math.trunc(decimals), 0), MAX_DECIMALS) : 0;
}

/** Number of decimals a tick or step size implies: "0.10" → 1, "0.001" → 3, "1" → 0. */
export function decimalsOfStep(step: string): number {
  const dot = step.indexOf('.');
  if (dot < 0) return 0;
  const fraction = step.slice(dot + 1).replace(/0+$/, '');
  return fraction.length;
}

/**
 * Rounds a decimal string (plain, or with an exponent) to `decimals` places, half away from zero,
 * without going through a float. Returns the sign separately so callers can choose how to show it.
 * Throws a RangeError for a string that is not a decimal.
 */
export function roundDecimalString(value: string, decimals: number): { negative: boolean; digits: string } {
  const parsed = parseDecimal(value);
  if (parsed === null) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  return roundParsed(parsed, clampDecimals(decimals));
}

function roundParsed({ negative, whole, fraction }: PlainDecimal, decimals: number): { negative: boolean; digits: string } {
  const padded = (fraction + '0'.repeat(decimals + 1)).slice(0, decimals + 1);
  let kept = BigInt(whole + padded.slice(0, decimals));
  if (Number(padded.charAt(decimals)) >= 5) kept += 1n;
  let text = kept.toString().padStart(decimals + 1, '0');
  if (decimals > 0) text = `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  return { negative: negative && /[1-9]/.test(text), digits: text };
}

// --- Localised text ---

/** An unsigned decimal rounded to `decimals` places and grouped for the locale. */
function localizedUnsigned(decimal: PlainDecimal, decimals: number): string {
  const unsigned = { ...decimal, negative: false };
  if (decimals <= MAX_INTL_FRACTION_DIGITS && decimal.whole.length <= MAX_INTL_INTEGER_DIGITS) {
    // Intl rounds the exact string half away from zero (its default rounding mode, "halfExpand").
    return formatterFor(decimals).format(plainText(unsigned) as Intl.StringNumericLiteral);
  }
  const { digits } = roundParsed(unsigned, decimals);
  const [whole = '0', fraction] = digits.split('.');
  const grouped = formatterFor(0).format(BigInt(whole));
  return fraction === undefined ? grouped : `${grouped}${decimalSeparator()}${fraction}`;
}

function decimalSeparator(): string {
  return formatterFor(1).formatToParts(0.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/** True when the shown text has a digit other than zero (so a sign means something). */
function showsNonZero(text: string): boolean {
  return /[1-9]/.test(text);
}

/** A number as the decimal string JavaScript writes for it (shortest round trip); null if not finite. */
function numberToDecimal(value: number): PlainDecimal | null {
  return Number.isFinite(value) ? parseDecimal(String(value)) : null;
}

// --- What the screens call ---

/** A decimal string on a grid (tick or step size), e.g. formatDecimal("21123.05052574", "0.10") → "21,123.1". */
export function formatDecimal(value: string, step: string): string {
  return formatOnGrid(value, step, true);
}

/** A price on the tick grid, or "—" where the exchange sent a zero meaning "not available". */
export function formatPrice(value: string, tickSize: string): string {
  return isZeroDecimal(value) ? NOT_AVAILABLE : formatOnGrid(value, tickSize, true);
}

/** A size on the step grid, unsigned: the side column says long or short. */
export function formatQuantity(value: string, stepSize: string): string {
  return formatOnGrid(value, stepSize, false);
}

function formatOnGrid(value: string, step: string, signed: boolean): string {
  const parsed = parseDecimal(value);
  if (parsed === null) return NOT_AVAILABLE;
  const shown = localizedUnsigned(parsed, clampDecimals(decimalsOfStep(step)));
  return signed && parsed.negative && showsNonZero(shown) ? `${MINUS}${shown}` : shown;
}

/** A signed amount of quote currency, e.g. "+12.34" / "−5.60" (two decimals, like the exchange UI). */
export function formatPnl(value: number, decimals = 2): string {
  const parsed = numberToDecimal(value);
  if (parsed === null) return NOT_AVAILABLE;
  const shown = localizedUnsigned(parsed, clampDecimals(decimals));
  if (!showsNonZero(shown)) return shown;
  return `${parsed.negative ? MINUS : '+'}${shown}`;
}

/** An unsigned amount of quote currency with thousands separators, e.g. notional "21,123.05". */
export function formatAmount(value: number, decimals = 2): string {
  const parsed = numberToDecimal(value);
  return parsed === null ? NOT_AVAILABLE : localizedUnsigned(parsed, clampDecimals(decimals));
}

/** An amount that may be negative, shown without a plus sign: a balance, e.g. "12,150.50" / "−40.00". */
export function formatBalance(value: number, decimals = 2): string {
  const parsed = numberToDecimal(value);
  if (parsed === null) return NOT_AVAILABLE;
  const shown = localizedUnsigned(parsed, clampDecimals(decimals));
  return parsed.negative && showsNonZero(shown) ? `${MINUS}${shown}` : shown;
}

/** An unsigned percentage: a ratio such as a margin ratio, e.g. "22.50%"; "—" when unknown. */
export function formatRatioPercent(value: number | null, decimals = 2): string {
  return value === null || !Number.isFinite(value) ? NOT_AVAILABLE : `${formatAmount(value, decimals)}%`;
}

/** A signed percentage, e.g. "+124.13%"; "—" when unknown. */
export function formatPercent(value: number | null, decimals = 2): string {
  return value === null || !Number.isFinite(value) ? NOT_AVAILABLE : `${formatPnl(value, decimals)}%`;
}

/**
 * A rate given as a fraction, shown in percent: 0.0001 → "0.0100%", −0.00005 → "−0.0050%" (four
 * decimals, as the exchange shows funding rates). The point is moved on the decimal string, not by
 * multiplying a float, so 0.0007 stays "0.0700%". "—" when unknown.
 */
export function formatRatePercent(rate: number | null, decimals = 4): string {
  if (rate === null || !Number.isFinite(rate)) return NOT_AVAILABLE;
  const [mantissa = '', exponent = '0'] = String(rate).split(/e/i);
  const parsed = parseDecimal(`${mantissa}e${Number(exponent) + 2}`);
  if (parsed === null) return NOT_AVAILABLE;
  const shown = localizedUnsigned(parsed, clampDecimals(decimals));
  return `${parsed.negative && showsNonZero(shown) ? MINUS : ''}${shown}%`;
}
