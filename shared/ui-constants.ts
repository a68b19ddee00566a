/**
 * Constants both processes use at run time, kept free of zod so the renderer can import them
 * (zod probes `new Function` on load, which the renderer's CSP forbids).
 */

/** Column ids of the positions table, in their default order. */
export const POSITION_COLUMNS = [
  'symbol',
  'side',
  'size',
  'notional',
  'entry',
  'breakEven',
  'mark',
  'liquidation',
  'liqDistance',
  'marginType',
  'margin',
  'marginRatio',
  'upnl',
  'roe',
  'funding',
  'estFunding',
  'fundingToday',
  'adl',
  'age',
] as const;
export type PositionColumn = (typeof POSITION_COLUMNS)[number];

/** Default distance to liquidation that raises an alert, in percent of the mark price. */
export const DEFAULT_ALERT_THRESHOLD_PCT = 5;
export const ALERT_THRESHOLD_MIN_PCT = 0.1;
export const ALERT_THRESHOLD_MAX_PCT = 50;

/** Default account margin ratio that raises an alert, in percent (the exchange liquidates at 100). */
export const DEFAULT_MARGIN_RATIO_ALERT_PCT = 80;
export const MARGIN_RATIO_ALERT_MIN_PCT = 10;
export const MARGIN_RATIO_ALERT_MAX_PCT = 99;

/** Connection timeline entries kept; older ones are dropped. */
export const TIMELINE_LIMIT = 200;

/**
 * The margin ratio main reports when the margin balance is gone (no finite ratio says more): the
 * bound of `marginRatioPct` in shared/account.ts, kept here, free of zod, so the renderer can read it
 * too. The window shows a ratio at the cap as "≥1,000%".
 */
export const MARGIN_RATIO_CAP_PCT = 1_000;
