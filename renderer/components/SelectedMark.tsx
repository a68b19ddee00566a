/** Next to the chooser: the chosen symbol's live mark, positions or not (`view.selectedMark`). */
import { selectSymbolMap, selectView } from '../store/selectors';
import { useAppStore } from '../store/store';
import { priceText } from './grid-format';

export function SelectedMark() {
  const selected = useAppStore((state) => selectView(state)?.selectedSymbol ?? null);
  const mark = useAppStore((state) => selectView(state)?.selectedMark ?? null);
  const symbols = useAppStore(selectSymbolMap);
  if (selected === null) return null;
  return (
    <span className="selected-mark" data-testid="selected-mark">
      <span className="figure-label">Mark</span>{' '}
      <span className="figure-value">
        {mark !== null && mark.symbol === selected ? priceText(mark.markPrice, symbols.get(selected)) : '…'}
      </span>
    </span>
  );
}
