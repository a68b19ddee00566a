/**
 * What the symbol chooser says about each symbol with open positions: its sides and how many
 * positions. The view's rows cover only the selected symbol when one is chosen, so the badges
 * are remembered from the last view that showed them and forgotten once a symbol has no position.
 */
import type { PositionRow, PositionsView } from '../../shared/position';

export interface SymbolBadge {
  readonly long: boolean;
  readonly short: boolean;
  readonly count: number;
}
export type BadgeMap = ReadonlyMap<string, SymbolBadge>;

/** LONG or SHORT: hedge legs say it themselves, one-way rows by the sign of their amount. */
export function directionOf(row: Pick<PositionRow, 'positionSide' | 'positionAmt'>): 'LONG' | 'SHORT' {
  if (row.positionSide !== 'BOTH') return row.positionSide;
  return row.positionAmt.startsWith('-') ? 'SHORT' : 'LONG';
}

function badgesOf(rows: readonly PositionRow[]): Map<string, SymbolBadge> {
  const badges = new Map<string, SymbolBadge>();
  for (const row of rows) {
    const badge = badges.get(row.symbol) ?? { long: false, short: false, count: 0 };
    const side = directionOf(row);
    badges.set(row.symbol, {
      long: badge.long || side === 'LONG',
      short: badge.short || side === 'SHORT',
      count: badge.count + 1,
    });
  }
  return badges;
}

const same = (a: SymbolBadge | undefined, b: SymbolBadge | undefined) =>
  a?.long === b?.long && a?.short === b?.short && a?.count === b?.count;

/** The badges after a new view; the same map when nothing a badge shows has changed. */
export function updateBadges(previous: BadgeMap, view: PositionsView): BadgeMap {
  const seen = badgesOf(view.rows);
  const next = new Map<string, SymbolBadge>();
  for (const symbol of view.openSymbols) {
    // All positions in view: the rows say everything. One symbol in view: only about that symbol.
    const fresh = view.selectedSymbol === null || symbol === view.selectedSymbol ? seen.get(symbol) : undefined;
    const badge = fresh ?? previous.get(symbol);
    if (badge !== undefined) next.set(symbol, badge);
  }
  if (next.size === previous.size && [...next].every(([symbol, badge]) => same(badge, previous.get(symbol)))) {
    return previous;
  }
  return next;
}
