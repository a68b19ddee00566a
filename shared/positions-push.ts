import { z } from 'zod';
import { accountViewSchema } from './account';
import {
  hedgeNetSchema,
  positionModeSchema,
  positionRowSchema,
  positionsSummarySchema,
  symbolMarkSchema,
} from './position';
import { symbolNameSchema } from './symbols';

/**
 * The `positions` push channel. One version of the view travels as one or more parts, each well
 * under the IPC payload limit (shared/payload-size.ts), sent one per push and applied by the
 * receiver only once every part of the version has arrived, in order (shared/positions-assemble.ts).
 *
 * - `full`: the whole view (on attach and after a resync), its lists cut across the parts in order.
 * - `delta`: what changed since `baseVersion`, the last version this receiver was sent: removed keys,
 *   new rows, field-level patches of changed rows (a mark tick sends the derived figures and the
 *   mark time, not the exchange's strings), and placements for new or moved items. The open symbols
 *   and hedge nets travel the same way, so they cost nothing when unchanged.
 *
 * The scalar fields (`head`) go in part 0.
 */

const keySchema = z.string().max(48);

/** Upper bound on list items per part; the pusher's byte budget keeps far fewer in practice. */
const MAX_ITEMS_PER_PART = 2_000;

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

const placementSchema = z.object({ key: keySchema, at: z.number().int().nonnegative().max(100_000) });

/** One part's share of a list edit (shared/positions-list-edit.ts); absent slots are empty. */
function listEditPartSchema<Item extends z.ZodType, Patch extends z.ZodType>(item: Item, patch: Patch) {
  return z.object({
    removed: z.array(keySchema).max(MAX_ITEMS_PER_PART).optional(),
    added: z.array(item).max(MAX_ITEMS_PER_PART).optional(),
    patched: z.array(patch).max(MAX_ITEMS_PER_PART).optional(),
    placed: z.array(placementSchema).max(MAX_ITEMS_PER_PART).optional(),
  });
}

const partFields = {
  /** The version this part belongs to. */
  version: z.number().int().nonnegative(),
  /** This part's index, from 0, and how many parts the version has. */
  part: z.number().int().nonnegative(),
  parts: z.number().int().positive(),
  head: positionsHeadSchema.optional(),
};

export const positionsFullPartSchema = z.object({
  kind: z.literal('full'),
  ...partFields,
  rows: z.array(positionRowSchema).max(MAX_ITEMS_PER_PART).optional(),
  openSymbols: z.array(symbolNameSchema).max(MAX_ITEMS_PER_PART).optional(),
  hedgeNets: z.array(hedgeNetSchema).max(MAX_ITEMS_PER_PART).optional(),
});

export const positionsDeltaPartSchema = z.object({
  kind: z.literal('delta'),
  ...partFields,
  /** The version the receiver must hold for this delta to apply. */
  baseVersion: z.number().int().nonnegative(),
  rows: listEditPartSchema(positionRowSchema, rowPatchSchema).optional(),
  openSymbols: listEditPartSchema(symbolNameSchema, z.never()).optional(),
  hedgeNets: listEditPartSchema(hedgeNetSchema, hedgeNetPatchSchema).optional(),
});

export const positionsPushSchema = z.discriminatedUnion('kind', [positionsFullPartSchema, positionsDeltaPartSchema]);
export type PositionsPush = z.infer<typeof positionsPushSchema>;
export type PositionsFullPart = z.infer<typeof positionsFullPartSchema>;
export type PositionsDeltaPart = z.infer<typeof positionsDeltaPartSchema>;
