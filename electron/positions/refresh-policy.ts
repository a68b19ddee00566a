/**
 * How often to re-read positions. Snapshots cost request weight from a budget shared per IP with
 * every other tool the trader runs (PROTOCOL §9, §13.6): as the budget fills, PerpDesk steps back,
 * relying on the streams, long before the exchange would refuse requests.
 */

/** The least time between two snapshots that account events ask for, while the budget is roomy (ms). */
export const EVENT_REFRESH_FLOOR_MS = 2_000;

/** How much slower to go at a share of the weight budget in use (0–1; null when unknown). */
function backoffFactor(usage: number | null): number {
  if (usage === null || usage < 0.5) return 1;
  if (usage < 0.7) return 2;
  if (usage < 0.85) return 4;
  return 12;
}

/** The delay until the next periodic snapshot, given the base cadence and the weight in use (0–1). */
export function refreshDelay(baseMs: number, usage: number | null): number {
  return baseMs * backoffFactor(usage);
}

/**
 * The least time between the start of one snapshot and an event-driven one: a fill burst (a bot
 * trading on the same account) costs at most one snapshot per floor, and the floor rises with use.
 */
export function eventRefreshFloor(baseFloorMs: number, usage: number | null): number {
  return baseFloorMs * backoffFactor(usage);
}

/**
 * Whether an order event can have changed a position (PROTOCOL §13.6): only fills do — `TRADE`, and
 * `CALCULATED` (liquidation, ADL). NEW, CANCELED, EXPIRED and AMENDMENT change no position, and a
 * quoting bot sends them by the thousand, so they must cost no request.
 */
export function isPositionChangingExecution(executionType: string): boolean {
  return executionType === 'TRADE' || executionType === 'CALCULATED';
}
