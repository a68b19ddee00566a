/**
 * One value fetched from the exchange and reused for a while (the symbol list for a day, funding
 * intervals for an hour). Callers within the time to live share one request, pending or settled; a
 * failed request is forgotten so the next caller tries again — unless a newer request, started after
 * the time to live, has already replaced it (a late failure must not erase a newer answer).
 */
export class TtlCache<T> {
  private entry: { at: number; value: Promise<T> } | null = null;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  /** The cached value while it is fresh, else the answer of a new `load()`. */
  get(load: () => Promise<T>): Promise<T> {
    if (this.entry !== null && this.now() - this.entry.at <= this.ttlMs) return this.entry.value;
    const entry: { at: number; value: Promise<T> } = { at: this.now(), value: Promise.resolve(undefined as T) };
    entry.value = load().catch((error: unknown) => {
      if (this.entry === entry) this.entry = null;
      throw error;
    });
    this.entry = entry;
    return entry.value;
  }
}
