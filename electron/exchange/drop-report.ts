/**
 * What the exchange sent that PerpDesk could not read — a row of a list reply (rows.ts), a row or a
 * whole event of the user stream (user-events.ts). Each is dropped on its own and the rest used
 * (PROTOCOL §13.1: one odd row must not cost the others), and counted. The first drop of each kind
 * since the last reset (a new connection, a new session) is told once, in words the caller gives;
 * later ones are only counted, so a source that keeps sending an odd row does not flood the timeline.
 */
export class DropReport {
  private readonly counts = new Map<string, number>();

  constructor(
    /** Tells the first drop of a kind (the timeline). */
    private readonly tell: (message: string) => void,
    /** Hears every drop counted (the client's metrics), if anything keeps a total. */
    private readonly counted: (count: number) => void = () => undefined,
  ) {}

  /** Counts `count` drops of `kind`; the first of a kind since the last reset is told as `message()` says. */
  add(kind: string, count: number, message: () => string): void {
    if (count <= 0) return;
    this.counted(count);
    const held = this.counts.get(kind);
    this.counts.set(kind, (held ?? 0) + count);
    if (held === undefined) this.tell(message());
  }

  /** Dropped since the last reset, per kind. */
  totals(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** A new connection or session: its first drops are news again. */
  reset(): void {
    this.counts.clear();
  }
}
