/**
 * The symbol dropdown. Main owns the selection: the value follows `positions.selectedSymbol`, or the
 * user's pending choice until main confirms it.
 */
import { useId, useMemo } from 'react';
import { selectSymbol } from '../store/bridge';
import { selectShownSymbol, selectSymbolList, symbolOptions, usePositionedSymbols } from '../store/selectors';
import { useAppStore } from '../store/store';

export function SymbolSelect() {
  const id = useId();
  const positioned = usePositionedSymbols();
  const all = useAppStore(selectSymbolList);
  const shown = useAppStore(selectShownSymbol);
  const pending = useAppStore((state) => state.ui.pendingSelection !== null);
  const { open, others } = useMemo(() => symbolOptions(positioned, all, shown), [positioned, all, shown]);

  return (
    <div className="symbol-select">
      <label htmlFor={id}>Symbol</label>
      <select
        id={id}
        value={shown ?? ''}
        aria-busy={pending}
        onChange={(event) => void selectSymbol(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">All positions</option>
        {open.length > 0 && (
          <optgroup label="Open positions">
            {open.map((symbol) => (
              <option key={symbol} value={symbol}>
                {symbol}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label="All symbols">
            {others.map((symbol) => (
              <option key={symbol} value={symbol}>
                {symbol}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
