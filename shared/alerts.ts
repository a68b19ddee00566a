import { z } from 'zod';
import { symbolNameSchema } from './symbols';
import { ALERT_THRESHOLD_MAX_PCT, ALERT_THRESHOLD_MIN_PCT, MARGIN_RATIO_ALERT_MAX_PCT, MARGIN_RATIO_ALERT_MIN_PCT } from './ui-constants';

/** Why the trader is being warned. */
export const alertKindSchema = z.enum([
  'liquidation-proximity', // the mark came within the user's threshold of the liquidation price
  'margin-call', // the exchange sent MARGIN_CALL
  'account-margin-ratio', // the account's margin ratio crossed the user's threshold
  'liquidation', // the exchange liquidated a position (a CALCULATED fill, client order id autoclose-…)
  'adl', // auto-deleveraging closed (part of) a position (a CALCULATED fill, client order id adl_autoclose)
  'auth-failed', // the exchange rejected the key: the user must act
  'banned', // the IP is banned for too many requests, until a given time
  'clock-skew', // this computer's clock is more than a second off the exchange's
]);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertSchema = z.object({
  /** Stable per condition (e.g. `liquidation-proximity:BTCUSDT:LONG`), so the UI can replace, not stack. */
  id: z.string().max(100),
  kind: alertKindSchema,
  severity: z.enum(['warning', 'critical']),
  symbol: symbolNameSchema.nullable(),
  /** The position concerned (`${symbol}:${positionSide}`), when there is one. */
  key: z.string().max(48).nullable(),
  message: z.string().max(500),
  /** Local time it was raised (ms). */
  at: z.number().int().nonnegative(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertThresholdSchema = z.number().min(ALERT_THRESHOLD_MIN_PCT).max(ALERT_THRESHOLD_MAX_PCT);

/** The account margin ratio, in percent, at or above which the account raises an alert (liquidation at 100). */
export const marginRatioAlertSchema = z.number().min(MARGIN_RATIO_ALERT_MIN_PCT).max(MARGIN_RATIO_ALERT_MAX_PCT);
