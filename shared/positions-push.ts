import { z } from 'zod';
import {
  hedgeNetSchema,
  positionModeSchema,
  positionRowSchema,
  positionsSummarySchema,
  positionsViewSchema,
  symbolMarkSchema,
} from './position';
import { symbolNameSchema } from './symbols';

/**
 * A positions push is either the full view (on load, after a resync, or when the receiver is behind)
 * or a delta against the version the receiver holds: only rows that changed travel, which keeps
 * every IPC payload small whatever the number of positions.
 */
export const positionsPushSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full'), view: positionsViewSchema }),
  z.object({
    kind: z.literal('delta'),
    baseVersion: z.number().int().nonnegative(),
    version: z.number().int().nonnegative(),
    selectedSymbol: symbolNameSchema.nullable(),
    mode: positionModeSchema,
    selectedMark: symbolMarkSchema.nullable(),
    snapshotAt: z.number().int().nonnegative().nullable(),
    openSymbols: z.array(symbolNameSchema).max(2_000),
    hedgeNets: z.array(hedgeNetSchema).max(2_000),
    summary: positionsSummarySchema,
    /** Rows that are new or changed, in display order of the new view. */
    upserts: z.array(positionRowSchema),
    /** Keys of rows that left the view. */
    removed: z.array(z.string().max(48)),
    /** Every key of the new view, in order, so the receiver can keep the order without resending rows. */
    order: z.array(z.string().max(48)),
  }),
]);
export type PositionsPush = z.infer<typeof positionsPushSchema>;
