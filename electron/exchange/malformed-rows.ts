/**
 * Malformed rows dropped from list replies (rows.ts), told once: every drop is counted in the client's
 * metrics, and each reply kind gets one timeline line per connection — with the count and where the
 * first bad row went wrong, never its contents — so a listing the client cannot read is visible
 * without flooding the timeline on every snapshot.
 */
import type { RowDrops } from './rows';

export class MalformedRows {
  private readonly reported = new Set<string>();

  constructor(
    private readonly count: (rows: number) => void,
    private readonly notice: (message: string) => void,
  ) {}

  /** Rows dropped from one `source` reply (`account.position`, `exchangeInfo`, …). */
  report(source: string, drops: RowDrops): void {
    if (drops.count === 0) return;
    this.count(drops.count);
    if (this.reported.has(source)) return;
    this.reported.add(source);
    const rows = drops.count === 1 ? '1 malformed row was' : `${drops.count} malformed rows were`;
    this.notice(`The exchange's ${source} reply: ${rows} dropped and the rest used (first: ${drops.first ?? 'unknown'}).`);
  }

  /** A new connection: each kind may be reported again. */
  newConnection(): void {
    this.reported.clear();
  }
}
