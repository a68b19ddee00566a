import { z } from 'zod';
import { alertThresholdSchema, marginRatioAlertSchema } from './alerts';
import { symbolNameSchema } from './symbols';
import { DEFAULT_ALERT_THRESHOLD_PCT, DEFAULT_MARGIN_RATIO_ALERT_PCT, POSITION_COLUMNS } from './ui-constants';

export const positionColumnSchema = z.enum(POSITION_COLUMNS);

/** Which columns the user shows, and in which order. `symbol` cannot be hidden. */
export const columnPrefsSchema = z.object({
  order: z.array(positionColumnSchema).max(POSITION_COLUMNS.length),
  hidden: z.array(positionColumnSchema).max(POSITION_COLUMNS.length),
});
export type ColumnPrefs = z.infer<typeof columnPrefsSchema>;

/** What the user chose that outlives a restart (kept by main in electron-store). */
export const settingsSchema = z.object({
  alertThresholdPct: alertThresholdSchema,
  /** The account margin ratio (percent) that raises an alert. */
  marginRatioAlertPct: marginRatioAlertSchema,
  columns: columnPrefsSchema,
  /** The symbol shown at the last exit; null for all positions. */
  selectedSymbol: symbolNameSchema.nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  alertThresholdPct: DEFAULT_ALERT_THRESHOLD_PCT,
  marginRatioAlertPct: DEFAULT_MARGIN_RATIO_ALERT_PCT,
  columns: { order: [...POSITION_COLUMNS], hidden: [] },
  selectedSymbol: null,
};
