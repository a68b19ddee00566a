/** The symbol chooser's type-to-search: which options match a query, in which order. */
import type { SymbolBadge } from '../../store/badges';
import type { SymbolGroups } from '../../store/selectors';

export const ALL_POSITIONS_LABEL = 'All positions';

/** Options listed at most per group, so a long exchange list stays quick; typing narrows it. */
export const MAX_OTHER_OPTIONS = 200;

export interface ChooserOption {
  /** DOM id suffix and identity: '' for "All positions", else the symbol. */
  readonly id: string;
  /** null: all positions. */
  readonly symbol: string | null;
  readonly group: 'all' | 'open' | 'others';
  readonly badge: SymbolBadge | null;
}

export interface SearchResult {
  readonly options: readonly ChooserOption[];
  /** Matching symbols left out by `MAX_OTHER_OPTIONS`. */
  readonly hiddenCount: number;
  /** The option Enter picks first: an exact match, else the first option; -1 when none match. */
  readonly bestIndex: number;
}

/** 0 exact, 1 prefix, 2 contains, -1 no match. */
function rank(symbol: string, query: string): number {
  if (query === '') return 1;
  if (symbol === query) return 0;
  if (symbol.startsWith(query)) return 1;
  return symbol.includes(query) ? 2 : -1;
}

function ranked<T extends { symbol: string }>(items: readonly T[], query: string): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item.symbol, query) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.item);
}

/** The options for a query (case and surrounding spaces ignored). */
export function searchSymbols(groups: SymbolGroups, rawQuery: string): SearchResult {
  const query = rawQuery.trim().toUpperCase();
  const options: ChooserOption[] = [];
  if (query === '' || ALL_POSITIONS_LABEL.toUpperCase().includes(query)) {
    options.push({ id: '', symbol: null, group: 'all', badge: null });
  }
  for (const option of ranked(groups.open, query)) {
    options.push({ id: option.symbol, symbol: option.symbol, group: 'open', badge: option.badge });
  }
  const others = ranked(groups.others, query);
  for (const option of others.slice(0, MAX_OTHER_OPTIONS)) {
    options.push({ id: option.symbol, symbol: option.symbol, group: 'others', badge: null });
  }
  const exact = options.findIndex((option) => option.symbol === query);
  return {
    options,
    hiddenCount: Math.max(0, others.length - MAX_OTHER_OPTIONS),
    bestIndex: exact >= 0 ? exact : options.length > 0 ? 0 : -1,
  };
}
