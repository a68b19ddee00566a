/**
 * Notional brackets (PROTOCOL §10, `/fapi/v1/leverageBracket`): each bracket covers a notional range
 * with its maintenance margin ratio and maintenance amount `cum`, so that
 * maintenance margin = |notional| × MMR − cum, with the bracket that holds |notional|.
 */
export interface Bracket {
  notionalFloor: number;
  notionalCap: number;
  maintMarginRatio: number;
  cum: number;
}

/** Maintenance margin of a position of `notional` (absolute, quote currency). */
export function maintenanceMargin(notional: number, brackets: readonly Bracket[]): number {
  const bracket =
    brackets.find((b) => notional >= b.notionalFloor && notional < b.notionalCap) ?? brackets[brackets.length - 1];
  if (bracket === undefined) return 0;
  return Math.max(0, notional * bracket.maintMarginRatio - bracket.cum);
}
