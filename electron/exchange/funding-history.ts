/**
 * Funding payments since a time, across pages of `GET /fapi/v1/income` (at most 1000 rows each,
 * oldest first). The next page starts at the last row's time, inclusive, because payments of one
 * funding round share one millisecond and a page may end in the middle of them: rows seen twice are
 * told apart by `tranId`. The walk is bounded (weight 30 a page); a history it could not finish says so.
 */
import { MAX_INCOME_ROWS } from './account-replies';
import type { FundingIncomeRead } from './account-types';
import type { IncomePage } from './rest-account';
import { addDrops, NO_DROPS, type RowDrops } from './rows';

/** Ten pages of 1000 rows: far more than a day of funding on any real account, 300 weight at most. */
export const MAX_INCOME_PAGES = 10;

export interface FundingHistory {
  /** Each payment once, by time then `tranId`. */
  rows: FundingIncomeRead[];
  dropped: RowDrops;
  /** False when the page bound was reached before the history ended (the newest rows are missing). */
  complete: boolean;
}

/** Reads every funding payment from `startTime` (exchange ms) with `fetchPage`, one page after another. */
export async function readFundingHistory(
  fetchPage: (startTime: number) => Promise<IncomePage>,
  startTime: number,
  maxPages = MAX_INCOME_PAGES,
): Promise<FundingHistory> {
  const byTranId = new Map<number, FundingIncomeRead>();
  let dropped = NO_DROPS;
  let from = startTime;
  for (let page = 0; page < maxPages; page++) {
    const read = await fetchPage(from);
    dropped = addDrops(dropped, read.dropped);
    let last = from;
    for (const row of read.rows) {
      if (!byTranId.has(row.tranId)) byTranId.set(row.tranId, row);
      if (row.time > last) last = row.time;
    }
    if (read.received < MAX_INCOME_ROWS) return { rows: ordered(byTranId), dropped, complete: true };
    // A full page: more may follow. A page whose rows all share `from` cannot move on from `from`.
    from = last > from ? last : from + 1;
  }
  return { rows: ordered(byTranId), dropped, complete: false };
}

function ordered(rows: Map<number, FundingIncomeRead>): FundingIncomeRead[] {
  return [...rows.values()].sort((a, b) => a.time - b.time || a.tranId - b.tranId);
}
