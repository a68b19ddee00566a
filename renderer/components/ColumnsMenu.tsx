/**
 * "Columns": which columns the table shows and in which order. Checkboxes show and hide, ↑/↓ move;
 * every change goes to main (which persists it) through `setColumnPrefs`, and the table follows
 * the store's `settings.columns` at once. Symbol stays shown: it is what identifies a row.
 */
import { useEffect, useRef, useState } from 'react';
import type { PositionColumn } from '../../shared/ui-constants';
import { setColumnPrefs } from '../store/bridge';
import {
  DEFAULT_COLUMN_PREFS,
  LOCKED_COLUMN,
  moveColumn,
  normalizeColumns,
  resolveColumns,
  setColumnVisible,
} from '../store/column-prefs';
import { selectColumnPrefs } from '../store/selectors';
import { useAppStore } from '../store/store';
import { COLUMN_LABEL } from './labels';
import { Popover } from './Popover';

export function ColumnsMenu() {
  return (
    <Popover label="Columns" button="Columns" testId="columns-button" className="columns-menu">
      {() => <ColumnsList />}
    </Popover>
  );
}

function ColumnsList() {
  const stored = useAppStore(selectColumnPrefs);
  const prefs = normalizeColumns(stored);
  const { order, hidden } = resolveColumns(prefs);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // A moved row is re-inserted in the DOM, which drops focus: put it back on the same button.
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (refocus === null) return;
    const [id, direction] = refocus.split(':');
    const target = buttons.current.get(refocus);
    const other = buttons.current.get(`${id}:${direction === 'up' ? 'down' : 'up'}`);
    (target?.disabled === false ? target : other)?.focus();
    setRefocus(null);
  }, [refocus]);

  const move = (id: PositionColumn, step: -1 | 1) => {
    void setColumnPrefs(moveColumn(prefs, id, step));
    setRefocus(`${id}:${step < 0 ? 'up' : 'down'}`);
  };
  const ref = (key: string) => (element: HTMLButtonElement | null) => {
    if (element === null) buttons.current.delete(key);
    else buttons.current.set(key, element);
  };

  return (
    <>
      <p className="popover-title">Columns</p>
      <ul className="columns-list">
        {order.map((id, index) => (
          <li key={id} data-column={id}>
            <label>
              <input
                type="checkbox"
                checked={!hidden.has(id)}
                disabled={id === LOCKED_COLUMN}
                onChange={(event) => void setColumnPrefs(setColumnVisible(prefs, id, event.target.checked))}
              />
              {COLUMN_LABEL[id]}
            </label>
            <span className="move-buttons">
              <button
                ref={ref(`${id}:up`)}
                type="button"
                className="icon-button"
                aria-label={`Move ${COLUMN_LABEL[id]} left`}
                disabled={index === 0}
                onClick={() => move(id, -1)}
              >
                ↑
              </button>
              <button
                ref={ref(`${id}:down`)}
                type="button"
                className="icon-button"
                aria-label={`Move ${COLUMN_LABEL[id]} right`}
                disabled={index === order.length - 1}
                onClick={() => move(id, 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void setColumnPrefs(DEFAULT_COLUMN_PREFS)}>
        Reset to default
      </button>
    </>
  );
}
