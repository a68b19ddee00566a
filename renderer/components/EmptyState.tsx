/**
 * No open positions, said with its context: which account, and for a selected symbol its live mark,
 * so the trader can tell "nothing open" from "nothing loaded".
 */
import { selectSymbol } from '../store/bridge';
import { selectConnection, selectSymbolMap, selectView } from '../store/selectors';
import { useAppStore } from '../store/store';
import { priceText } from './grid-format';
import { accountLabel } from './labels';

export function EmptyState() {
  const view = useAppStore(selectView);
  const connection = useAppStore(selectConnection);
  const symbols = useAppStore(selectSymbolMap);
  const selected = view?.selectedSymbol ?? null;
  const mark = view?.selectedMark ?? null;
  const elsewhere = view?.openSymbols.length ?? 0;

  return (
    <div className="panel-message" data-testid="empty-state">
      <p className="panel-title">{selected === null ? 'No open positions' : `No open position in ${selected}`}</p>
      {selected !== null && (
        <p className="selected-mark big-mark" data-testid="empty-mark">
          {mark !== null && mark.symbol === selected ? (
            <>
              <span className="figure-label">{selected} mark</span> {priceText(mark.markPrice, symbols.get(selected))}
            </>
          ) : (
            `${selected} — waiting for its mark price`
          )}
        </p>
      )}
      {connection !== null && <p className="panel-detail">Account: {accountLabel(connection)}</p>}
      {selected === null ? (
        <p className="panel-detail">Positions appear here as soon as the account opens one.</p>
      ) : (
        elsewhere > 0 && (
          <button type="button" onClick={() => void selectSymbol(null)}>
            Show all {elsewhere} symbol{elsewhere === 1 ? '' : 's'} with positions
          </button>
        )
      )}
    </div>
  );
}
