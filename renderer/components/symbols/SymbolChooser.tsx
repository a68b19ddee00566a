/**
 * The symbol chooser: an ARIA 1.2 combobox with a listbox popup and type-to-search. "All positions"
 * first, then the symbols with open positions (with their sides and counts), then every trading
 * symbol. Keyboard: type to filter, ↑/↓ to move, Enter to choose, Escape to close. Main owns the
 * selection (and persists it): the closed chooser shows `view.selectedSymbol`, or the user's
 * pending choice until main confirms it.
 */
import { Fragment, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectSymbol } from '../../store/bridge';
import {
  selectBadges,
  selectOpenSymbols,
  selectShownSymbol,
  selectSymbolList,
  symbolOptions,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { registerShortcut } from '../shortcuts';
import { SymbolOptionView } from './SymbolOptionView';
import { ALL_POSITIONS_LABEL, searchSymbols, type ChooserOption } from './symbol-search';

const GROUPS = ['all', 'open', 'others'] as const;
const GROUP_LABEL = { all: null, open: 'Open positions', others: 'All symbols' } as const;

export function SymbolChooser() {
  const id = useId();
  const listId = `${id}-list`;
  const labelId = `${id}-label`;
  const shown = useAppStore(selectShownSymbol);
  // Main sends a new array with every push; compared by content, the chooser re-renders only on a real change.
  const openSymbols = useAppStore(useShallow(selectOpenSymbols));
  const badges = useAppStore(selectBadges);
  const all = useAppStore(selectSymbolList);
  const pending = useAppStore((state) => state.ui.pendingSelection !== null);
  const groups = useMemo(() => symbolOptions(openSymbols, badges, all, shown), [openSymbols, badges, all, shown]);

  const [expanded, setExpanded] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const result = useMemo(() => searchSymbols(groups, expanded ? query : ''), [groups, expanded, query]);
  const activeOption = result.options[active];
  const optionId = (option: ChooserOption) => `${id}-opt-${option.id === '' ? 'all' : option.id}`;

  // "/" and Ctrl+K come here from anywhere in the window.
  useEffect(() => registerShortcut('focusSymbolSearch', () => input.current?.focus()), []);

  // Keep the active option in view while moving through a long list (only when it moves, so the
  // list can still be scrolled by hand).
  const activeId = activeOption === undefined ? null : optionId(activeOption);
  useEffect(() => {
    if (activeId !== null) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const open = (nextQuery: string) => {
    const next = searchSymbols(groups, nextQuery);
    const current = next.options.findIndex((option) => option.symbol === shown);
    setQuery(nextQuery);
    setExpanded(true);
    setActive(nextQuery === '' && current >= 0 ? current : next.bestIndex);
  };
  const close = () => {
    setExpanded(false);
    setQuery('');
    setActive(-1);
  };
  const choose = (option: ChooserOption) => {
    close();
    if (option.symbol !== shown) void selectSymbol(option.symbol);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = result.options.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) open('');
        else setActive(Math.min(active + 1, last));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!expanded) open('');
        else setActive(Math.max(active - 1, 0));
        return;
      case 'Home':
      case 'End':
        if (!expanded) return;
        event.preventDefault();
        setActive(event.key === 'Home' ? 0 : last);
        return;
      case 'Enter':
        if (expanded && activeOption !== undefined) {
          event.preventDefault();
          choose(activeOption);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        return;
    }
  };

  return (
    <div className="symbol-chooser">
      <label id={labelId} htmlFor={`${id}-input`}>
        Symbol
      </label>
      <div className="combo">
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && activeOption !== undefined ? optionId(activeOption) : undefined}
          aria-busy={pending}
          aria-keyshortcuts="/ Control+K"
          autoComplete="off"
          spellCheck={false}
          placeholder={expanded ? 'Search symbol…' : undefined}
          value={expanded ? query : (shown ?? ALL_POSITIONS_LABEL)}
          data-testid="symbol-chooser"
          onChange={(event) => open(event.target.value)}
          onFocus={(event) => event.target.select()}
          onClick={() => {
            if (!expanded) open('');
          }}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        <span className="combo-caret" aria-hidden="true">
          ▾
        </span>
        {expanded && (
          <div id={listId} role="listbox" aria-labelledby={labelId} className="combo-list">
            {result.options.length === 0 && <div className="combo-empty">No symbol matches “{query}”</div>}
            {GROUPS.map((group) => {
              const members = result.options
                .map((option, index) => ({ option, index }))
                .filter(({ option }) => option.group === group);
              if (members.length === 0) return null;
              const options = members.map(({ option, index }) => (
                <SymbolOptionView
                  key={option.id === '' ? '(all)' : option.id}
                  id={optionId(option)}
                  option={option}
                  active={index === active}
                  current={option.symbol === shown}
                  onChoose={choose}
                  onHover={() => setActive(index)}
                />
              ));
              const heading = GROUP_LABEL[group];
              if (heading === null) return <Fragment key={group}>{options}</Fragment>;
              return (
                <div key={group} role="group" aria-labelledby={`${id}-${group}`}>
                  <div id={`${id}-${group}`} className="combo-heading" role="presentation">
                    {heading}
                  </div>
                  {options}
                </div>
              );
            })}
            {result.hiddenCount > 0 && (
              <div className="combo-more">{result.hiddenCount} more — type to narrow the list</div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
