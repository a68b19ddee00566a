/**
 * The net row over a hedge symbol's legs: net size and direction, net notional and net uPnL, from
 * main's `view.hedgeNets`. Its first cell folds the legs away (a button, so it works by keyboard).
 * It carries `data-net-key`, not `data-row-key`: it is not a position.
 */
import { memo, type ReactNode } from 'react';
import { formatPnl } from '../../../shared/format';
import type { HedgeNet } from '../../../shared/position';
import type { PositionColumn } from '../../../shared/ui-constants';
import type { SymbolInfo } from '../../../shared/symbols';
import { amountText, netQuantityText } from '../figures';
import { toneOf } from './cells';
import { FundingAmountCell } from './funding-cells';
import { ROW_HEIGHT } from './PositionsTableRow';

interface Props {
  readonly net: HedgeNet;
  readonly legs: number;
  readonly collapsed: boolean;
  readonly grid: SymbolInfo | undefined;
  readonly columnsKey: string;
  readonly index: number;
  readonly start: number;
  readonly onToggle: (symbol: string) => void;
}

const NUMERIC = new Set<string>(['size', 'notional', 'upnl', 'fundingToday']);

function netDirection(amount: number): { text: string; className: string } {
  if (amount > 0) return { text: 'NET LONG', className: 'side side-long' };
  if (amount < 0) return { text: 'NET SHORT', className: 'side side-short' };
  return { text: 'FLAT', className: 'side' };
}

function NetRowView({ net, legs, collapsed, grid, columnsKey, index, start, onToggle }: Props) {
  const cell = (id: PositionColumn): ReactNode => {
    switch (id) {
      case 'symbol':
        return (
          <>
            <button
              type="button"
              className="group-toggle"
              aria-expanded={!collapsed}
              aria-label={`${collapsed ? 'Show' : 'Hide'} the ${legs} ${net.symbol} legs`}
              onClick={() => onToggle(net.symbol)}
            >
              {collapsed ? '▸' : '▾'}
            </button>
            <span className="symbol">{net.symbol}</span>
          </>
        );
      case 'side': {
        const { text, className } = netDirection(net.netAmount);
        return <span className={className}>{text}</span>;
      }
      case 'size':
        return (
          <span className="qty" data-unit={grid?.baseAsset}>
            {netQuantityText(net.netAmount, grid)}
          </span>
        );
      case 'notional':
        return amountText(Math.abs(net.netNotional));
      case 'upnl':
        return <span className={`pnl ${toneOf(net.netUnrealizedPnl) ?? ''}`}>{formatPnl(net.netUnrealizedPnl)}</span>;
      case 'fundingToday':
        // The symbol's funding, once: the legs under this row leave the cell to it.
        return <FundingAmountCell amount={net.fundingToday} currency={grid?.marginAsset} what="today" />;
      default:
        return null;
    }
  };
  return (
    <tr
      role="row"
      className="positions-row net-row"
      data-net-key={net.symbol}
      aria-rowindex={index + 2}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
    >
      {(columnsKey.split(',') as PositionColumn[]).map((id) => (
        <td key={id} role="cell" data-col={id} className={NUMERIC.has(id) ? 'num' : undefined}>
          {cell(id)}
        </td>
      ))}
    </tr>
  );
}

/** Re-renders when the hedge's figures change (main rebuilds `hedgeNets` only then), or its place. */
export const NetRow = memo(NetRowView);
