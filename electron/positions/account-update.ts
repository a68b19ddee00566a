/**
 * Merging the user data stream into the positions state (PROTOCOL §6). An ACCOUNT_UPDATE carries only
 * the positions that changed, so its rows are merged by (symbol, positionSide), never used to replace
 * the state. It carries no mark, liquidation price or leverage: those are kept from what is known and
 * the engine re-reads the liquidation price with a snapshot right after.
 */
import { isZeroDecimal } from '../../shared/decimal';
import { positionKey, type ExchangePosition } from '../../shared/position';
import type { AccountUpdatePosition } from '../exchange/user-events';
import { exchangeFields } from './exchange-fields';
import { derive } from './derive';
import { buildRow } from './row';
import { StateDraft, type PositionsState } from './state';

/**
 * Applies the changed rows of one ACCOUNT_UPDATE (transaction time `time`). A position already known
 * as of `time` or later (observed.ts) is left alone, so replaying an event changes nothing.
 */
export function applyAccountUpdate(
  state: PositionsState,
  changes: readonly AccountUpdatePosition[],
  time: number,
  receivedAt: number,
): PositionsState {
  const draft = new StateDraft(state);
  for (const change of changes) {
    const key = positionKey(change.s, change.ps);
    // Already known as of this time or later (a replay, or a snapshot that saw it): nothing new.
    if (draft.observedAt(key, change.s) >= time) continue;
    draft.observe(key, time);
    const held = draft.row(key);
    if (isZeroDecimal(change.pa)) {
      draft.deleteRow(key);
      continue;
    }
    const base = held ?? templateFor(change, draft);
    const position: ExchangePosition = {
      symbol: base.symbol,
      positionSide: base.positionSide,
      positionAmt: change.pa,
      entryPrice: change.ep,
      breakEvenPrice: change.bep ?? base.breakEvenPrice,
      markPrice: base.markPrice,
      unRealizedProfit: change.up,
      liquidationPrice: base.liquidationPrice,
      leverage: base.leverage,
      maxNotionalValue: base.maxNotionalValue,
      marginType: change.mt,
      isolatedMargin: base.isolatedMargin,
      isAutoAddMargin: base.isAutoAddMargin,
      notional: base.notional,
      isolatedWallet: change.iw,
      updateTime: time,
    };
    const mark = draft.mark(change.s) ?? { markPrice: position.markPrice, eventTime: 0 };
    const derived = derive(position, mark, draft.brackets(change.s));
    draft.setRow(buildRow(key, position, derived, held?.snapshotAt ?? receivedAt, held?.markAt ?? null));
  }
  return draft.finish();
}

/** Applies a leverage change (ACCOUNT_CONFIG_UPDATE `ac`) to the symbol's rows. */
export function applyLeverage(state: PositionsState, symbol: string, leverage: number): PositionsState {
  const draft = new StateDraft(state);
  for (const { key } of state.legs.get(symbol) ?? []) {
    const row = state.rows.get(key);
    if (row === undefined || row.leverage === String(leverage)) continue;
    const mark = state.marks.get(symbol) ?? { markPrice: row.derived.markPrice, eventTime: row.derived.markTime };
    const position = { ...exchangeFields(row), leverage: String(leverage) };
    draft.setRow(buildRow(key, position, derive(position, mark, state.brackets.get(symbol)), row.snapshotAt, row.markAt));
  }
  return draft.finish();
}

/** A row for a position that opened on the stream: what the stream lacks comes from the symbol's other leg. */
function templateFor(change: AccountUpdatePosition, draft: StateDraft): ExchangePosition {
  const siblingKey = draft.legsOf(change.s)?.[0]?.key;
  const sibling = siblingKey === undefined ? undefined : draft.row(siblingKey);
  const mark = draft.mark(change.s);
  return {
    symbol: change.s,
    positionSide: change.ps,
    positionAmt: change.pa,
    entryPrice: change.ep,
    breakEvenPrice: change.bep ?? '0',
    markPrice: mark?.markPrice ?? change.ep,
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
