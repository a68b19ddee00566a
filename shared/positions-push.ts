import { z } from 'zod';
import { accountViewSchema } from './account';
import {
  hedgeNetSchema,
  positionModeSchema,
  positionRowSchema,
  positionsSummarySchema,
  symbolMarkSchema,
} from './position';
import { MAX_LISTED_SYMBOLS, symbolNameSchema } from './symbols';

/**
 * The `positions` push channel: one IPC message per version of the view, whatever its size
 * (Electron carries large messages; what a message costs is its serialisation, DESIGN §10 P4).
 *
 * - `full`: the whole view, on attach and after a resync.
 * - `delta`: what changed since `baseVersion`, the last version this receiver acknowledged
 *   (`ackPositions`): removed keys, new rows, field-level patches of changed rows (a mark tick sends
 *   the derived figures and the mark time, not the exchange's strings), and placements for new or
 *   moved items. The open symbols and hedge nets travel the same way; an empty slot or an unchanged
 *   list is left out, so it costs nothing.
 *
 * The receiver acknowledges every version it applied; main sends the next one only then (one
 * version in flight per receiver, electron/desk/positions-pusher.ts).
 */

const keySchema = z.string().max(48);

/**
 * Bounds of one message, generous on purpose: a symbol has at most two open legs (hedge mode) and
 * the exchange lists well under MAX_LISTED_SYMBOLS perpetuals, so no real account comes near them; they only stop
 * a runaway sender from building an unbounded message.
 */
export const MAX_PUSH_ROWS = 10_000;

export const positionsHeadSchema = z.object({
  selectedSymbol: symbolNameSchema.nullable(),
  mode: positionModeSchema,
  selectedMark: symbolMarkSchema.nullable(),
  snapshotAt: z.number().int().nonnegative().nullable(),
  summary: positionsSummarySchema,
  account: accountViewSchema.nullable(),
});
export type PositionsHead = z.infer<typeof positionsHeadSchema>;

/** The fields of a row that changed, with the row's key. */
export const rowPatchSchema = positionRowSchema.omit({ key: true }).partial().extend({ key: keySchema });
export type RowPatch = z.infer<typeof rowPatchSchema>;

/** The figures of a hedge net that changed, with its symbol. */
export const hedgeNetPatchSchema = hedgeNetSchema.partial().extend({ symbol: symbolNameSchema });
export type HedgeNetPatch = z.infer<typeof hedgeNetPatchSchema>;

const placementSchema = z.object({ key: keySchema, at: z.number().int().nonnegative().max(MAX_PUSH_ROWS) });

/** A list edit on the wire (shared/positions-list-edit.ts); an absent slot is empty. */
function listEditSchema<Item extends z.ZodType, Patch extends z.ZodType>(item: Item, patch: Patch, max: number) {
  return z.object({
    removed: z.array(keySchema).max(max).optional(),
    added: z.array(item).max(max).optional(),
    patched: z.array(patch).max(max).optional(),
    placed: z.array(placementSchema).max(max).optional(),
  });
}

export const positionsFullSchema = z.object({
  kind: z.literal('full'),
  version: z.number().int().nonnegative(),
  head: positionsHeadSchema,
  rows: z.array(positionRowSchema).max(MAX_PUSH_ROWS),
  openSymbols: z.array(symbolNameSchema).max(MAX_LISTED_SYMBOLS),
  hedgeNets: z.array(hedgeNetSchema).max(MAX_LISTED_SYMBOLS),
});

export const positionsDeltaSchema = z.object({
  kind: z.literal('delta'),
  version: z.number().int().nonnegative(),
  /** The version the receiver must hold for this delta to apply. */
  baseVersion: z.number().int().nonnegative(),
  head: positionsHeadSchema,
  rows: listEditSchema(positionRowSchema, rowPatchSchema, MAX_PUSH_ROWS).optional(),
  openSymbols: listEditSchema(symbolNameSchema, z.never(), MAX_LISTED_SYMBOLS).optional(),
  hedgeNets: listEditSchema(hedgeNetSchema, hedgeNetPatchSchema, MAX_LISTED_SYMBOLS).optional(),
});

export const positionsPushSchema = z.discriminatedUnion('kind', [positionsFullSchema, positionsDeltaSchema]);
export type PositionsPush = z.infer<typeof positionsPushSchema>;
export type PositionsFull = z.infer<typeof positionsFullSchema>;
export type PositionsDelta = z.infer<typeof positionsDeltaSchema>;
