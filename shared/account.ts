import { z } from 'zod';
import { MARGIN_RATIO_CAP_PCT } from './ui-constants';

/**
 * The account's figures as main knows them: read with `v2/account.status` (at connect, after a
 * reconnect, with every whole-account position refresh), kept current between reads by the
 * `ACCOUNT_UPDATE` balances (`B`: `wb`, `cw`) and by the mark stream (uPnL and maintenance margin
 * move with the mark). Computed in main only (electron/positions/derive-account.ts); numbers,
 * because they are results of arithmetic.
 */
export const accountFiguresSchema = z.object({
  /** The currency of every figure here: the asset (USDT, USDC, …), or `USD` for a Multi-Assets account's totals. */
  currency: z.string().min(1).max(20),
  walletBalance: z.number(),
  unrealizedProfit: z.number(),
  /** Wallet balance + unrealised PnL. */
  marginBalance: z.number(),
  maintMargin: z.number(),
  /** Initial margin of the positions and the open orders. */
  initialMargin: z.number(),
  availableBalance: z.number(),
  /**
   * Maintenance margin ÷ margin balance, in percent: liquidation at 100. Null when nothing is at
   * stake (no maintenance margin); capped at MARGIN_RATIO_CAP_PCT when the margin balance is gone.
   */
  marginRatioPct: z.number().min(0).max(MARGIN_RATIO_CAP_PCT).nullable(),
});
export type AccountFigures = z.infer<typeof accountFiguresSchema>;

/** Reported instead of a ratio that would divide by a margin balance at or below zero (shared/ui-constants.ts). */
export { MARGIN_RATIO_CAP_PCT };

export const accountViewSchema = z.object({
  /** Multi-Assets mode: the totals are in USD across assets, the per-asset figures in their own asset. */
  multiAssets: z.boolean(),
  /** The whole account (isolated positions included), in USDT — or USD under Multi-Assets. */
  total: accountFiguresSchema,
  /**
   * The cross part (cross wallet balance + cross uPnL; maintenance margin of cross positions):
   * the figures every cross position's liquidation depends on, so its ratio is "the account's
   * margin ratio" that cross rows show.
   */
  cross: accountFiguresSchema,
  /** Per margin asset held (USDT first), each in its own currency. */
  assets: z.array(accountFiguresSchema).max(50),
  /** When main received the last account read (local ms). */
  readAt: z.number().int().nonnegative(),
  /** When the figures last moved (a read, a balance event or a mark tick; local ms). */
  updatedAt: z.number().int().nonnegative(),
});
export type AccountView = z.infer<typeof accountViewSchema>;
