/**
 * Sees the table's mark cells change, in the page: a MutationObserver on the table records, for
 * every change of a row's mark text, the row's symbol, the new text and the page clock
 * (`performance.timeOrigin + performance.now()`). The observer runs in the same task as React's
 * commit, so the time is when the DOM text changed (before paint).
 */
import type { Page } from '@playwright/test';

export interface MarkChange {
  symbol: string;
  text: string;
  /** Page clock, ms. */
  at: number;
}

interface Host {
  __benchMarkChanges: Array<[string, string, number]>;
}

/** Starts observing; call {@link takeMarkChanges} to collect. */
export async function observeMarkChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const host = window as unknown as Host;
    host.__benchMarkChanges = [];
    const last = new Map<string, string>();
    const table = document.querySelector('table.positions-table');
    if (table === null) throw new Error('no positions table');
    const seen = (node: Node, at: number): void => {
      const element = node instanceof Element ? node : node.parentElement;
      const cell = element?.closest('td[data-col="mark"]');
      const row = cell?.closest('tr[data-row-key]');
      if (!cell || !row) return;
      const symbol = row.querySelector('.symbol')?.textContent ?? '';
      const text = cell.textContent ?? '';
      // A re-render that leaves the text as it was is no change.
      if (last.get(symbol) === text) return;
      last.set(symbol, text);
      host.__benchMarkChanges.push([symbol, text, at]);
    };
    new MutationObserver((mutations) => {
      // One commit, one time: the callback runs right after the mutations it reports.
      const at = performance.timeOrigin + performance.now();
      for (const mutation of mutations) seen(mutation.target, at);
    }).observe(table, { subtree: true, childList: true, characterData: true });
  });
}

/** Everything observed so far. */
export async function takeMarkChanges(page: Page): Promise<MarkChange[]> {
  const rows = await page.evaluate(() => (window as unknown as Host).__benchMarkChanges.slice());
  return rows.map(([symbol, text, at]) => ({ symbol, text, at }));
}
