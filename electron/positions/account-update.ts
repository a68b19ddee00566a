/**
 * Merging the user data stream into the positions state (PROTOCOL §6). An ACCOUNT_UPDATE carries only
 * the positions that changed, so its rows are merged by (symbol, positionSide), never used to replace
 * the state. It carries no mark, liquidation price or leverage: those are kept from what is known and
 * the engine re-reads the liquidation price with a snapshot right after.
 */
import { isZeroDecimal } from '../../shared/decimal';
import { positionKey, type ExchangePosition, type PositionRow } from '../../shared/position';
import type { AccountUpdatePosition } from '../exchange/user-events';
import { exchangeFields } from './exchange-fields';
import { derive } from './derive';
import type { PositionsState } from './reducer';

/**
 * Applies the changed rows of one ACCOUNT_UPDATE (transaction time `time`). A row whose held data is
 * newer (`updateTime` > `time`) is left alone, so replaying an event changes nothing.
 */
export function applyAccountUpdate(
  state: PositionsState,
  changes: readonly AccountUpdatePosition[],
  time: number,
  receivedAt: number,
): PositionsState {
  let rows: Map<string, PositionRow> | null = null;
  for (const change of changes) {
    const key = positionKey(change.s, change.ps);
    const held = (rows ?? state.rows).get(key);
    if (held !== undefined && held.updateTime > time) continue;
    rows ??= new Map(state.rows);
    if (isZeroDecimal(change.pa)) {
      rows.delete(key);
      continue;
    }
    const mark = state.marks.get(change.s);
    const base = held ?? templateFor(change, state);
    const position: ExchangePosition = {
      ...exchangeFields(base),
      positionAmt: change.pa,
      entryPrice: change.ep,
      breakEvenPrice: change.bep ?? base.breakEvenPrice,
      unRealizedProfit: change.up,
      marginType: change.mt,
      isolatedWallet: change.iw,
      updateTime: time,
    };
    const markAt = held?.markAt ?? null;
    const derived = derive(position, mark ?? { price: position.markPrice, time: 0 }, state.brackets.get(change.s));
    rows.set(key, { ...position, key, derived, snapshotAt: held?.snapshotAt ?? receivedAt, markAt });
  }
  return rows === null ? state : { ...state, rows };
}

/** Applies a leverage change (ACCOUNT_CONFIG_UPDATE `ac`) to the symbol's rows. */
export function applyLeverage(state: PositionsState, symbol: string, leverage: number): PositionsState {
  let rows: Map<string, PositionRow> | null = null;
  for (const [key, row] of state.rows) {
    if (row.symbol !== symbol || row.leverage === String(leverage)) continue;
    rows ??= new Map(state.rows);
    const position = { ...exchangeFields(row), leverage: String(leverage) };
    const mark = state.marks.get(symbol) ?? { price: row.derived.markPrice, time: row.derived.markTime };
    rows.set(key, { ...row, leverage: String(leverage), derived: derive(position, mark, state.brackets.get(symbol)) });
  }
  return rows === null ? state : { ...state, rows };
}

/** A row for a position that opened on the stream: what the stream lacks comes from the symbol's other leg. */
function templateFor(change: AccountUpdatePosition, state: PositionsState): ExchangePosition {
  const sibling = [...state.rows.values()].find((row) => row.symbol === change.s);
  const mark = state.marks.get(change.s);
  return {
    symbol: change.s,
    positionSide: change.ps,
    positionAmt: change.pa,
    entryPrice: change.ep,
    breakEvenPrice: change.bep ?? '0',
    markPrice: mark?.price ?? change.ep,
    unRealizedProfit: change.up,
    liquidationPrice: '0', // unknown until the snapshot that follows
    leverage: sibling?.leverage ?? '0',
    maxNotionalValue: sibling?.maxNotionalValue ?? '0',
    marginType: change.mt,
    isolatedMargin: '0',
    isAutoAddMargin: sibling?.isAutoAddMargin ?? 'false',
    notional: '0',
    isolatedWallet: change.iw,
    updateTime: 0,
  };
}
