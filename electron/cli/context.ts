/** What every command gets, and the start-up both commands share. */
import type { SymbolInfo } from '../../shared/symbols';
import type { CliOptions } from './args';
import type { CliSession } from './desk-session';
import { positionsDocument, type DocumentInput, type PositionsDocument } from './document';
import type { Output } from './output';
import { waitForFirstView } from './ready';
import type { TableInput } from './table';

export interface CommandContext {
  session: CliSession;
  options: CliOptions;
  out: Output;
  /** Aborted by SIGINT / SIGTERM. */
  signal: AbortSignal;
  now: () => number;
}

/** Exit code of a snapshot interrupted before it printed (128 + SIGINT, the shell convention). */
export const INTERRUPTED = 130;

/** Rejects with an interruption when the signal fires first. */
export function unlessAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The user interrupted (SIGINT / SIGTERM): not an error. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/**
 * Connects and waits for the first complete view; with --symbol, then narrows the view to it (after
 * the first snapshot, so the symbol is checked against the live exchange) and waits for its marks.
 */
export async function firstView(context: CommandContext): Promise<void> {
  const { session, options, signal } = context;
  await unlessAborted(signal, waitForFirstView(session, { timeoutMs: options.timeoutMs }));
  if (options.symbol === null) return;
  await unlessAborted(signal, session.select(options.symbol));
  await unlessAborted(signal, waitForFirstView(session, { timeoutMs: options.timeoutMs }));
}

/** The JSON document of the current view. */
export function currentDocument(context: CommandContext, allRows?: DocumentInput['allRows']): PositionsDocument {
  const { session, options } = context;
  return positionsDocument({
    view: session.view(),
    status: session.status(),
    environment: options.environment,
    demoAccount: options.environment === 'demo' ? options.demoAccount : null,
    now: context.now(),
    ...(allRows === undefined ? {} : { allRows }),
  });
}

/** The table input of the current view. */
export function currentTable(context: CommandContext, symbols: ReadonlyMap<string, SymbolInfo>, maxRows?: number): TableInput {
  const { session, options } = context;
  return {
    view: session.view(),
    status: session.status(),
    environment: options.environment,
    demoAccount: options.environment === 'demo' ? options.demoAccount : null,
    symbols,
    now: context.now(),
    ...(maxRows === undefined ? {} : { maxRows }),
  };
}
