/**
 * Hedge mode as one picture: a symbol's LONG and SHORT legs are shown together under a net row
 * (net size and uPnL from main's `view.hedgeNets`); one-way rows, and a hedge symbol with a single
 * open leg, stay flat. The group takes the place of its first leg in the sorted order, so sorting
 * still orders groups, and the legs keep their sorted order beneath the net row.
 */
import type { HedgeNet } from '../../../shared/position';

export type DisplayItem<R> =
  | { readonly kind: 'position'; readonly row: R; readonly leg: boolean }
  | { readonly kind: 'net'; readonly net: HedgeNet; readonly legs: number; readonly collapsed: boolean };

export interface RowShape {
  readonly symbol: string;
  readonly positionSide: 'BOTH' | 'LONG' | 'SHORT';
}

/** The rows to draw, in order. `collapsed`: symbols whose legs are folded under their net row. */
export function groupHedgeLegs<R>(
  rows: readonly R[],
  shape: (row: R) => RowShape,
  nets: readonly HedgeNet[],
  collapsed: ReadonlySet<string> = new Set(),
): DisplayItem<R>[] {
  const netBySymbol = new Map(nets.map((net) => [net.symbol, net]));
  const legsBySymbol = new Map<string, R[]>();
  for (const row of rows) {
    const { symbol, positionSide } = shape(row);
    if (positionSide === 'BOTH' || !netBySymbol.has(symbol)) continue;
    const legs = legsBySymbol.get(symbol);
    if (legs === undefined) legsBySymbol.set(symbol, [row]);
    else legs.push(row);
  }
  const items: DisplayItem<R>[] = [];
  const placed = new Set<string>();
  for (const row of rows) {
    const { symbol } = shape(row);
    const legs = legsBySymbol.get(symbol);
    const net = netBySymbol.get(symbol);
    if (legs === undefined || legs.length < 2 || net === undefined) {
      items.push({ kind: 'position', row, leg: false });
      continue;
    }
    if (placed.has(symbol)) continue;
    placed.add(symbol);
    const folded = collapsed.has(symbol);
    items.push({ kind: 'net', net, legs: legs.length, collapsed: folded });
    if (!folded) for (const leg of legs) items.push({ kind: 'position', row: leg, leg: true });
  }
  return items;
}
