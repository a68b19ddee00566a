/** One option of the symbol chooser. */
import type { SymbolBadge } from '../../store/badges';
import { ALL_POSITIONS_LABEL, type ChooserOption } from './symbol-search';

interface Props {
  readonly id: string;
  readonly option: ChooserOption;
  readonly active: boolean;
  /** The symbol shown now. */
  readonly current: boolean;
  readonly onChoose: (option: ChooserOption) => void;
  readonly onHover: () => void;
}

/** "BTCUSDT, long and short, 2 positions": the option's accessible name. */
export function describeOption(option: ChooserOption): string {
  if (option.symbol === null) return ALL_POSITIONS_LABEL;
  const { badge } = option;
  if (badge === null) return option.symbol;
  const sides = [badge.long ? 'long' : null, badge.short ? 'short' : null].filter((side) => side !== null).join(' and ');
  return `${option.symbol}, ${sides}, ${badge.count} position${badge.count === 1 ? '' : 's'}`;
}

function Badges({ badge }: { badge: SymbolBadge }) {
  return (
    <span className="option-badges" aria-hidden="true">
      {badge.long && <span className="side-badge side-badge-long">LONG</span>}
      {badge.short && <span className="side-badge side-badge-short">SHORT</span>}
      <span className="option-count">{badge.count}</span>
    </span>
  );
}

export function SymbolOptionView({ id, option, active, current, onChoose, onHover }: Props) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-label={describeOption(option)}
      className={`combo-option${active ? ' active' : ''}${current ? ' current' : ''}`}
      data-symbol={option.symbol ?? ''}
      // Keep focus in the input: the choice is made on click, after the input would have blurred.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={() => onChoose(option)}
    >
      <span className="option-check" aria-hidden="true">
        {current ? '✓' : ''}
      </span>
      <span className="option-symbol">{option.symbol ?? ALL_POSITIONS_LABEL}</span>
      {option.badge !== null && <Badges badge={option.badge} />}
    </div>
  );
}
