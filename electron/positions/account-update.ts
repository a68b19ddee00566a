/**
 * Merging the user data stream into the positions state (PROTOCOL §6). An ACCOUNT_UPDATE carries only
 * the positions that changed, so its rows are merged by (symbol, positionSide), never used to replace
 * the state. It carries no mark, liquidation price or leverage: those are kept from what is known and
 * the engine re-reads the liquidation price with a snapshot right after.
 */
import { isZeroDecimal, sameDecimal } from '../../shared/decimal';
import { exchangeFields, positionKey, type ExchangePosition, type PositionRow } from '../../shared/position';
import type { AccountUpdatePosition } from '../exchange/user-events';
import { derive } from './derive';
import { buildRow, sameRow, type RowFacts } from './row';
import { extrasOf, fundingIntervalOf, StateDraft, type PositionsState } from './state';

/**
 * Applies the changed rows of one ACCOUNT_UPDATE (transaction time `time`, event time `eventTime`).
 * A position already known as of a newer update or snapshot (observed.ts) is left alone, so
 * replaying an event changes nothing; a second update with the same `T` is applied after the first.
 */
export function applyAccountUpdate(
  state: PositionsState,
  changes: readonly AccountUpdatePosition[],
  time: number,
  receivedAt: number,
  eventTime: number = time,
): PositionsState {
  const draft = new StateDraft(state);
  for (const change of changes) {
    const key = positionKey(change.s, change.ps);
    if (!draft.isNews(key, change.s, time, eventTime)) continue;
    draft.observe(key, time, eventTime);
    const held = draft.row(key);
    if (isZeroDecimal(change.pa)) {
      draft.deleteRow(key);
      continue;
    }
    const base = held ?? templateFor(change, draft);
    const position: RowFacts = {
      symbol: base.symbol,
      positionSide: base.positionSide,
      positionAmt: change.pa,
      entryPrice: change.ep,
      breakEvenPrice: knownBreakEven(change.bep, base.breakEvenPrice),
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
      liquidationPending: held === undefined || held.liquidationPending === true || movesLiquidation(held, change),
    };
    const mark = draft.mark(change.s) ?? { markPrice: position.markPrice, eventTime: 0 };
    // The same update again (or one that says nothing new) keeps the row object: no delta, no render.
    if (sameRow(held, position, mark)) continue;
    const derived = derive(position, mark, draft.brackets(change.s), draft.fundingInterval(change.s));
    const previous: PositionRow | undefined = draft.row(key);
    const extras = draft.extras(key, change.s, previous);
    draft.setRow(buildRow(key, position, derived, previous?.snapshotAt ?? receivedAt, previous?.markAt ?? null, extras));
  }
  return draft.finish();
}

/**
 * `bep` `"0"` on an open position means the exchange did not say (its documented example carries it,
 * PROTOCOL §13.5): the known break-even stays rather than being blanked.
 */
function knownBreakEven(bep: string | undefined, known: string): string {
  return bep === undefined || isZeroDecimal(bep) ? known : bep;
}

/** True when the update changes what the liquidation price depends on: size, side, entry or margin. */
function movesLiquidation(held: PositionRow, change: AccountUpdatePosition): boolean {
  // Exact decimal comparison: Number() would miss a change past its 15–17 significant digits.
  if (!sameDecimal(held.positionAmt, change.pa) || !sameDecimal(held.entryPrice, change.ep)) return true;
  if (held.marginType !== change.mt) return true;
  return change.mt === 'isolated' && !sameDecimal(held.isolatedWallet, change.iw);
}

/** Applies a leverage change (ACCOUNT_CONFIG_UPDATE `ac`) to the symbol's rows. */
export function applyLeverage(state: PositionsState, symbol: string, leverage: number): PositionsState {
  const draft = new StateDraft(state);
  for (const { key } of state.legs.get(symbol) ?? []) {
    const row = state.rows.get(key);
    if (row === undefined || row.leverage === String(leverage)) continue;
    const mark = state.marks.get(symbol) ?? { markPrice: row.derived.markPrice, eventTime: row.derived.markTime };
    const position: RowFacts = { ...exchangeFields(row), leverage: String(leverage), liquidationPending: row.liquidationPending };
    const derived = derive(position, mark, state.brackets.get(symbol), fundingIntervalOf(state, symbol));
    draft.setRow(buildRow(key, position, derived, row.snapshotAt, row.markAt, extrasOf(state, key, symbol, row)));
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
    liquidationPrice: '0', // unknown until the snapshot that follows (the row says it is pending)
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
