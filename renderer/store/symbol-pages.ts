/**
 * Reads the whole symbol list page by page (main cuts it so each answer stays under the IPC payload
 * limit). Pages of different revisions never mix: if main refreshed the list meanwhile, reading
 * starts again, a few times at most.
 */
import type { PerpdeskApi } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import type { SymbolInfo } from '../../shared/symbols';

const ATTEMPTS = 3;

export async function readSymbolPages(
  api: PerpdeskApi,
  settle: <T>(call: () => Promise<Result<T>>) => Promise<Result<T>>,
): Promise<Result<SymbolInfo[]>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const first = await settle(() => api.listSymbols(0));
    if (!first.ok) return first;
    const list = [...first.value.symbols];
    let complete = true;
    for (let page = 1; page < first.value.pages && complete; page++) {
      const next = await settle(() => api.listSymbols(page));
      if (!next.ok) return next;
      complete = next.value.revision === first.value.revision;
      list.push(...next.value.symbols);
    }
    if (complete) return { ok: true, value: list };
  }
  return { ok: false, error: { code: 'SYMBOLS_CHANGING', message: 'The symbol list kept changing while it loaded; try again.' } };
}
