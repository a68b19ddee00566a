/** Derived numbers (main's arithmetic) and ages as display text, through `shared/format.ts`. */
import { decimalsOfStep, formatAmount, formatBalance, NOT_AVAILABLE } from '../../shared/format';
import type { SymbolInfo } from '../../shared/symbols';

/** "0 s", "42 s", "3 min", "2 h": how old a figure is. */
export function ageText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}

/** An unsigned percentage with two decimals ("4.82%"); "—" when the exchange gives nothing to compute it from. */
export function percentText(pct: number | null): string {
  return pct === null || !Number.isFinite(pct) ? NOT_AVAILABLE : `${pct < 0 ? '−' : ''}${formatAmount(pct, 2)}%`;
}

/** A computed size (e.g. a hedge's net amount), unsigned, on the symbol's step grid. */
export function netQuantityText(amount: number, info: SymbolInfo | undefined): string {
  return formatAmount(amount, info === undefined ? 3 : decimalsOfStep(info.stepSize));
}

/** Quote-currency amounts, unsigned, two decimals ("21,123.05"). */
export function amountText(value: number): string {
  return formatAmount(value, 2);
}

/**
 * A balance in its currency, two decimals, with a minus only when negative ("−12.30 USDT"): a
 * margin balance or available balance below zero must never read as positive.
 */
export function balanceText(value: number, currency: string): string {
  return Number.isFinite(value) ? `${formatBalance(value)} ${currency}` : NOT_AVAILABLE;
}
