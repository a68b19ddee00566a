import { describe, expect, it } from 'vitest';
import type { PerpdeskApi } from '../../../shared/ipc';
import { err, ok, type Result } from '../../../shared/result';
import type { SymbolInfo } from '../../../shared/symbols';
import { readSymbolPages } from '../../../renderer/store/symbol-pages';
import { appState, FakeApi, SYMBOLS, view } from './fake-api';

const settle = <T,>(call: () => Promise<Result<T>>) => call();

function apiWith(listSymbols: PerpdeskApi['listSymbols']): PerpdeskApi {
  return { ...new FakeApi(appState(view(1, []))).api, listSymbols };
}

describe('reading the symbol list in pages', () => {
  it('joins every page in order', async () => {
    const fake = new FakeApi(appState(view(1, [])));
    fake.symbolsPageSize = 1;
    expect(await readSymbolPages(fake.api, settle)).toEqual(ok(SYMBOLS));
    expect(fake.calls.listSymbols).toBe(SYMBOLS.length);
  });

  it('starts again when the list was refreshed between pages, and never mixes revisions', async () => {
    const calls: number[] = [];
    let revision = 1;
    const api = apiWith((page) => {
      calls.push(page);
      const answer = { symbols: [SYMBOLS[page]!] as SymbolInfo[], page, pages: 2, revision };
      if (calls.length === 1) revision = 2; // refreshed right after the first page of the first attempt
      return Promise.resolve(ok(answer));
    });
    expect(await readSymbolPages(api, settle)).toEqual(ok([SYMBOLS[0], SYMBOLS[1]]));
    expect(calls).toEqual([0, 1, 0, 1]);
  });

  it('gives up after a few attempts on a list that keeps changing, and reports a failed page', async () => {
    let revision = 0;
    const changing = apiWith((page) => Promise.resolve(ok({ symbols: [], page, pages: 2, revision: revision++ })));
    expect((await readSymbolPages(changing, settle)).ok).toBe(false);
    const failing = apiWith((page) => Promise.resolve(page === 0 ? ok({ symbols: [], page, pages: 2, revision: 1 }) : err('EXCHANGE_INFO', 'timed out')));
    expect(await readSymbolPages(failing, settle)).toEqual(err('EXCHANGE_INFO', 'timed out'));
  });
});
