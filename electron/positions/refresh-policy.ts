/**
 * How often to re-read positions. Snapshots cost weight 5 from a budget shared per IP with every
 * other tool the trader runs (PROTOCOL §9): as the budget fills, PerpDesk steps back, relying on the
 * streams, long before the exchange would refuse requests.
 */

/** The delay until the next periodic snapshot, given the base cadence and the weight in use (0–1). */
export function refreshDelay(baseMs: number, usage: number | null): number {
  if (usage === null || usage < 0.5) return baseMs;
  if (usage < 0.7) return baseMs * 2;
  if (usage < 0.85) return baseMs * 4;
  return baseMs * 12;
}
