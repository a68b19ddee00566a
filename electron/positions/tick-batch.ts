/**
 * The mark ticks waiting to be applied together (those of one socket read), the newest per symbol.
 * Each symbol keeps its slot between batches (one per followed symbol), so taking a tick costs one
 * lookup in a map whose size does not change: a Map cleared after every batch regrew its table
 * every time, which cost more than the ticks themselves (bench/PROFILE-HISTORY.md).
 */
import type { MarkTick } from '../exchange/wire';

interface Slot {
  tick: MarkTick | null;
}

export class TickBatch {
  private readonly slots = new Map<string, Slot>();
  private filled: Slot[] = [];

  get size(): number {
    return this.filled.length;
  }

  /** Keeps the tick unless the batch holds one as new for its symbol (the older would be ignored anyway). */
  add(tick: MarkTick): void {
    let slot = this.slots.get(tick.symbol);
    if (slot === undefined) {
      slot = { tick: null };
      this.slots.set(tick.symbol, slot);
    }
    if (slot.tick === null) this.filled.push(slot);
    else if (slot.tick.eventTime >= tick.eventTime) return;
    slot.tick = tick;
  }

  /** Empties the batch and returns its ticks. */
  take(): MarkTick[] {
    const ticks: MarkTick[] = [];
    for (const slot of this.filled) {
      if (slot.tick !== null) ticks.push(slot.tick);
      slot.tick = null;
    }
    this.filled = [];
    return ticks;
  }

  /** Forgets the waiting ticks and every slot (the account changed). */
  clear(): void {
    this.slots.clear();
    this.filled = [];
  }
}
