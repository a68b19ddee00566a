/**
 * User data stream events (PROTOCOL §6), validated before use. Only the fields PerpDesk uses are
 * read; unknown fields are ignored and unknown event types are dropped, as Binance asks.
 */
import { z } from 'zod';
import { decimalStringSchema } from '../../shared/decimal-schema';
import { marginTypeSchema, positionSideSchema } from '../../shared/position';
import { symbolNameSchema } from '../../shared/symbols';

const time = z.number().int().nonnegative();

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

export const accountUpdateSchema = z.object({
  e: z.literal('ACCOUNT_UPDATE'),
  E: time,
  T: time,
  a: z.object({
    m: z.string().max(40),
    B: z.array(z.object({ a: z.string().max(20), wb: decimalStringSchema, cw: decimalStringSchema })).max(100).optional(),
    P: z.array(accountUpdatePositionSchema).max(10_000).optional(),
  }),
});
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

export const marginCallSchema = z.object({
  e: z.literal('MARGIN_CALL'),
  E: time,
  p: z
    .array(z.object({ s: symbolNameSchema, ps: positionSideSchema, pa: decimalStringSchema, mp: decimalStringSchema, mm: decimalStringSchema }))
    .max(10_000),
});
export type MarginCall = z.infer<typeof marginCallSchema>;

export const orderTradeUpdateSchema = z.object({
  e: z.literal('ORDER_TRADE_UPDATE'),
  E: time,
  T: time,
  o: z.object({ s: symbolNameSchema, x: z.string().max(30) }),
});

export const accountConfigUpdateSchema = z.object({
  e: z.literal('ACCOUNT_CONFIG_UPDATE'),
  E: time,
  T: time,
  ac: z.object({ s: symbolNameSchema, l: z.number().int().min(1).max(200) }).optional(),
});
export type AccountConfigUpdate = z.infer<typeof accountConfigUpdateSchema>;

/** `E` changed from string to integer in 2026-05; accept both. */
export const listenKeyExpiredSchema = z.object({
  e: z.literal('listenKeyExpired'),
  E: z.union([time, z.string().regex(/^\d{1,16}$/)]),
});

export type UserEvent =
  | { type: 'account-update'; event: AccountUpdate }
  | { type: 'margin-call'; event: MarginCall }
  | { type: 'order-update'; symbol: string; time: number }
  | { type: 'config-update'; event: AccountConfigUpdate }
  | { type: 'listen-key-expired' };

/** Reads one user data frame; null for unknown or invalid events (the caller counts those). */
export function readUserEvent(frame: unknown): UserEvent | null | 'ignored' {
  if (typeof frame !== 'object' || frame === null) return null;
  const type = (frame as { e?: unknown }).e;
  switch (type) {
    case 'ACCOUNT_UPDATE': {
      const parsed = accountUpdateSchema.safeParse(frame);
      return parsed.success ? { type: 'account-update', event: parsed.data } : null;
    }
    case 'MARGIN_CALL': {
      const parsed = marginCallSchema.safeParse(frame);
      return parsed.success ? { type: 'margin-call', event: parsed.data } : null;
    }
    case 'ORDER_TRADE_UPDATE': {
      const parsed = orderTradeUpdateSchema.safeParse(frame);
      return parsed.success ? { type: 'order-update', symbol: parsed.data.o.s, time: parsed.data.T } : null;
    }
    case 'ACCOUNT_CONFIG_UPDATE': {
      const parsed = accountConfigUpdateSchema.safeParse(frame);
      return parsed.success ? { type: 'config-update', event: parsed.data } : null;
    }
    case 'listenKeyExpired':
      return listenKeyExpiredSchema.safeParse(frame).success ? { type: 'listen-key-expired' } : null;
    default:
      // TRADE_LITE, ALGO_UPDATE, STRATEGY_UPDATE, GRID_UPDATE and future events: not ours to read.
      return typeof type === 'string' ? 'ignored' : null;
  }
}
