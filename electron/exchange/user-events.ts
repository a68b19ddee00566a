/**
 * User data stream events (PROTOCOL §6), validated before use. Only the fields PerpDesk uses are
 * read; unknown fields are ignored and unknown event types are dropped, as Binance asks.
 *
 * Validation is row by row (PROTOCOL §13.1): an ACCOUNT_UPDATE or MARGIN_CALL whose envelope is
 * sound keeps every good row even when one row is odd (a symbol PerpDesk cannot read, a decimal out
 * of range); the odd rows are counted in `dropped`, so the desk can say so once in the timeline.
 * A known event whose envelope itself is unreadable becomes `{ type: 'invalid' }`, for the same
 * reason: losing a fill or a margin call silently would be worse than saying it was lost.
 */
import { z } from 'zod';
import { decimalStringSchema } from '../../shared/decimal-schema';
import { marginTypeSchema, positionSideSchema } from '../../shared/position';
import { symbolNameSchema } from '../../shared/symbols';
import { readRows } from './rows';

const time = z.number().int().nonnegative();

/** How many rows of one kind an event carried that could not be read. */
export interface DroppedRows {
  /** What was dropped, for the timeline (e.g. "ACCOUNT_UPDATE position row"). */
  readonly kind: string;
  readonly count: number;
}

/** One changed position of an ACCOUNT_UPDATE (`a.P[]`). */
export const accountUpdatePositionSchema = z.object({
  s: symbolNameSchema,
  pa: decimalStringSchema,
  ep: decimalStringSchema,
  bep: decimalStringSchema.optional(),
  up: decimalStringSchema,
  mt: marginTypeSchema,
  iw: decimalStringSchema,
  ps: positionSideSchema,
});
export type AccountUpdatePosition = z.infer<typeof accountUpdatePositionSchema>;

/** One balance of an ACCOUNT_UPDATE (`a.B[]`). */
export const accountUpdateBalanceSchema = z.object({ a: z.string().min(1).max(20), wb: decimalStringSchema, cw: decimalStringSchema });
export type AccountUpdateBalance = z.infer<typeof accountUpdateBalanceSchema>;

/** The rows are checked one by one below; the envelope only bounds how many there may be. */
const accountUpdateEnvelopeSchema = z.object({
  e: z.literal('ACCOUNT_UPDATE'),
  E: time,
  T: time,
  a: z.object({
    m: z.string().max(40),
    B: z.array(z.unknown()).max(1_000).optional(),
    P: z.array(z.unknown()).max(10_000).optional(),
  }),
});

export interface AccountUpdate {
  e: 'ACCOUNT_UPDATE';
  /** Event time (ms): orders updates that share one transaction time (PROTOCOL §13.5). */
  E: number;
  /** Transaction time (ms). */
  T: number;
  a: { m: string; B?: AccountUpdateBalance[]; P?: AccountUpdatePosition[] };
}

/** One position of a MARGIN_CALL (`p[]`). */
export const marginCallPositionSchema = z.object({
  s: symbolNameSchema,
  ps: positionSideSchema,
  pa: decimalStringSchema,
  mp: decimalStringSchema,
  mm: decimalStringSchema,
});
export type MarginCallPosition = z.infer<typeof marginCallPositionSchema>;

const marginCallEnvelopeSchema = z.object({
  e: z.literal('MARGIN_CALL'),
  E: time,
  p: z.array(z.unknown()).max(10_000),
});

export interface MarginCall {
  e: 'MARGIN_CALL';
  E: number;
  p: MarginCallPosition[];
}

/**
 * The fields of ORDER_TRADE_UPDATE's `o` that PerpDesk reads: whether it is a fill (`x`), and for a
 * liquidation or ADL fill (`c` = `autoclose-…` / `adl_autoclose`, PROTOCOL §13.7) what closed.
 */
export const orderUpdateSchema = z.object({
  s: symbolNameSchema,
  /** Execution type: NEW, CANCELED, CALCULATED (liquidation/ADL), EXPIRED, TRADE, AMENDMENT. */
  x: z.string().min(1).max(30),
  /** Order status. */
  X: z.string().min(1).max(30),
  /** Client order id. */
  c: z.string().max(64),
  S: z.enum(['BUY', 'SELL']),
  ps: positionSideSchema,
  /** Quantity of this fill, accumulated filled quantity, last fill price, average price. */
  l: decimalStringSchema,
  z: decimalStringSchema,
  L: decimalStringSchema,
  ap: decimalStringSchema,
});
export type OrderUpdate = z.infer<typeof orderUpdateSchema>;

export const orderTradeUpdateSchema = z.object({
  e: z.literal('ORDER_TRADE_UPDATE'),
  E: time,
  T: time,
  o: orderUpdateSchema,
});

export const accountConfigUpdateSchema = z.object({
  e: z.literal('ACCOUNT_CONFIG_UPDATE'),
  E: time,
  T: time,
  ac: z.object({ s: symbolNameSchema, l: z.number().int().min(1).max(200) }).optional(),
  /** A Multi-Assets mode change: `j` true when the account is now in Multi-Assets mode. */
  ai: z.object({ j: z.boolean() }).optional(),
});
export type AccountConfigUpdate = z.infer<typeof accountConfigUpdateSchema>;

/** `E` changed from string to integer in 2026-05; accept both. */
export const listenKeyExpiredSchema = z.object({
  e: z.literal('listenKeyExpired'),
  E: z.union([time, z.string().regex(/^\d{1,16}$/)]),
});

/** The event types read here; any other `e` is 'ignored'. */
export type KnownEventType = 'ACCOUNT_UPDATE' | 'MARGIN_CALL' | 'ORDER_TRADE_UPDATE' | 'ACCOUNT_CONFIG_UPDATE' | 'listenKeyExpired';

export type UserEvent =
  | { type: 'account-update'; event: AccountUpdate; dropped: readonly DroppedRows[] }
  | { type: 'margin-call'; event: MarginCall; dropped: readonly DroppedRows[] }
  | { type: 'order-update'; symbol: string; time: number; eventTime: number; order: OrderUpdate }
  | { type: 'config-update'; event: AccountConfigUpdate }
  | { type: 'listen-key-expired' }
  /** A known event whose envelope could not be read: nothing of it is used. */
  | { type: 'invalid'; eventType: KnownEventType };

/** Reads one user data frame; null for a frame that is no event at all (the caller counts those). */
export function readUserEvent(frame: unknown): UserEvent | null | 'ignored' {
  if (typeof frame !== 'object' || frame === null) return null;
  const type = (frame as { e?: unknown }).e;
  switch (type) {
    case 'ACCOUNT_UPDATE':
      return readAccountUpdate(frame);
    case 'MARGIN_CALL':
      return readMarginCall(frame);
    case 'ORDER_TRADE_UPDATE': {
      const parsed = orderTradeUpdateSchema.safeParse(frame);
      if (!parsed.success) return { type: 'invalid', eventType: type };
      const { E, T, o } = parsed.data;
      return { type: 'order-update', symbol: o.s, time: T, eventTime: E, order: o };
    }
    case 'ACCOUNT_CONFIG_UPDATE': {
      const parsed = accountConfigUpdateSchema.safeParse(frame);
      return parsed.success ? { type: 'config-update', event: parsed.data } : { type: 'invalid', eventType: type };
    }
    case 'listenKeyExpired':
      return listenKeyExpiredSchema.safeParse(frame).success ? { type: 'listen-key-expired' } : { type: 'invalid', eventType: type };
    default:
      // TRADE_LITE, ALGO_UPDATE, STRATEGY_UPDATE, GRID_UPDATE and future events: not ours to read.
      return typeof type === 'string' ? 'ignored' : null;
  }
}

function readAccountUpdate(frame: object): UserEvent {
  const envelope = accountUpdateEnvelopeSchema.safeParse(frame);
  if (!envelope.success) return { type: 'invalid', eventType: 'ACCOUNT_UPDATE' };
  const { E, T, a } = envelope.data;
  const dropped: DroppedRows[] = [];
  const event: AccountUpdate = { e: 'ACCOUNT_UPDATE', E, T, a: { m: a.m } };
  if (a.B !== undefined) event.a.B = goodRows(a.B, accountUpdateBalanceSchema, 'ACCOUNT_UPDATE balance row', dropped);
  if (a.P !== undefined) event.a.P = goodRows(a.P, accountUpdatePositionSchema, 'ACCOUNT_UPDATE position row', dropped);
  return { type: 'account-update', event, dropped };
}

function readMarginCall(frame: object): UserEvent {
  const envelope = marginCallEnvelopeSchema.safeParse(frame);
  if (!envelope.success) return { type: 'invalid', eventType: 'MARGIN_CALL' };
  const dropped: DroppedRows[] = [];
  const p = goodRows(envelope.data.p, marginCallPositionSchema, 'MARGIN_CALL position row', dropped);
  return { type: 'margin-call', event: { e: 'MARGIN_CALL', E: envelope.data.E, p }, dropped };
}

/**
 * The rows that pass `schema`, read one by one as every list reply is (rows.ts); the count of those
 * that do not is added to `dropped` under `kind`. The envelope schema already bounded the list.
 */
function goodRows<T>(rows: readonly unknown[], schema: z.ZodType<T>, kind: string, dropped: DroppedRows[]): T[] {
  const read = readRows(rows, schema, kind, rows.length);
  if (read.dropped.count > 0) dropped.push({ kind, count: read.dropped.count });
  return read.rows;
}
