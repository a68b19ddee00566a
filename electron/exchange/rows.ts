/**
 * Row-by-row reading of list replies (`account.position`, exchangeInfo `symbols`, `leverageBracket`,
 * `symbolConfig`). The exchange lists what it lists — a symbol named in Chinese, a new contract type —
 * and one row the client does not understand must never discard the others (PROTOCOL §13.1): each row
 * is checked on its own, a malformed one is dropped and counted, the rest is used. Only a reply whose
 * envelope is wrong (not a list, absurdly long) fails as a whole.
 */
import type { z } from 'zod';
import { linkError } from './errors';

/** What was dropped from one reply: how many rows, and where the first one went wrong. */
export interface RowDrops {
  count: number;
  /** e.g. `symbol "BTCUSDT", field positionAmt`: a name and a field, never the row's contents. */
  first: string | null;
}

export interface RowsRead<T> {
  rows: T[];
  /** Where each kept row stood in the reply (0-based), so a later check can name the original row. */
  indexes: number[];
  dropped: RowDrops;
}

export const NO_DROPS: RowDrops = { count: 0, first: null };

/** A symbol as it may appear in a message: printable, short; a hostile value cannot become a payload. */
function printableName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[^\p{L}\p{M}\p{N}_\-.]/gu, '?');
  return cleaned.length > 40 ? `${cleaned.slice(0, 40)}…` : cleaned;
}

/** Where a rejected row went wrong: its symbol (when it has one) and the first failing field. */
export function describeDrop(row: unknown, index: number, error: z.ZodError | null): string {
  const symbol = typeof row === 'object' && row !== null ? printableName((row as { symbol?: unknown }).symbol) : null;
  const issue = error?.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'the row itself' : `field ${issue.path.map(String).join('.')}`;
  return `${symbol === null ? `row ${index + 1}` : `symbol "${symbol}"`}, ${field}`;
}

/**
 * Reads `result` as a list of at most `maxRows` rows, each checked against `schema` alone.
 * `what` names the reply in the error a wrong envelope gets.
 */
export function readRows<T>(result: unknown, schema: z.ZodType<T>, what: string, maxRows: number): RowsRead<T> {
  if (!Array.isArray(result)) throw linkError(`The exchange sent a malformed ${what} reply (not a list).`);
  if (result.length > maxRows) throw linkError(`The exchange sent an oversized ${what} reply (${result.length} rows).`);
  const rows: T[] = [];
  const indexes: number[] = [];
  let count = 0;
  let first: string | null = null;
  result.forEach((row: unknown, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      rows.push(parsed.data);
      indexes.push(index);
      return;
    }
    count++;
    first ??= describeDrop(row, index, parsed.error);
  });
  return { rows, indexes, dropped: { count, first } };
}

/** Adds two drop reports (a reply read in two steps). */
export function addDrops(a: RowDrops, b: RowDrops): RowDrops {
  return { count: a.count + b.count, first: a.first ?? b.first };
}

/** How a reply's dropped rows are told: the count and where the first went wrong, never its contents. */
export function replyDropMessage(source: string, drops: RowDrops): string {
  const rows = drops.count === 1 ? '1 malformed row was' : `${drops.count} malformed rows were`;
  return `The exchange's ${source} reply: ${rows} dropped and the rest used (first: ${drops.first ?? 'unknown'}).`;
}
