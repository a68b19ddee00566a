/**
 * Rows and events the exchange sent that PerpDesk could not read. Each is dropped on its own — the
 * rest of its event is used (PROTOCOL §13.1: one odd row must not cost the others) — and counted.
 * The first drop of each kind is said once in the connection timeline; later ones are only counted,
 * so a stream that keeps sending an odd row does not flood the trader.
 */
import type { DroppedRows } from '../exchange/user-events';

export class DroppedRowsReport {
  private readonly counts = new Map<string, number>();

  constructor(private readonly say: (message: string) => void) {}

  /** Counts drops; the first of a kind (since the last reset) goes to the timeline. */
  add(drops: readonly DroppedRows[]): void {
    for (const { kind, count } of drops) {
      if (count <= 0) continue;
      const held = this.counts.get(kind);
      this.counts.set(kind, (held ?? 0) + count);
      if (held === undefined) {
        // A row lost leaves its event otherwise whole; a whole event lost is made up for by a snapshot.
        const then = kind.endsWith(' row') ? 'the rest of the event was used' : 'positions are re-read instead';
        this.say(`Dropped ${count === 1 ? 'an' : count} unreadable ${kind}${count === 1 ? '' : 's'} from the exchange; ${then}. Further drops of this kind are counted, not reported.`);
      }
    }
  }

  /** Dropped so far, per kind. */
  totals(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** A new session: its first drops are news again. */
  reset(): void {
    this.counts.clear();
  }
}
