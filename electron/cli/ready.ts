/**
 * Waiting for the first complete picture: a live connection, the first full snapshot merged, and
 * the first mark tick of every row in view. Fails fast when waiting cannot help: rejected keys
 * (exit 3), or an exchange that could not be reached at the first attempt (exit 4).
 */
import type { ConnectionStatus } from '../../shared/connection';
import type { PositionsView } from '../../shared/position';
import { CliError, EXIT } from './errors';

/** What the wait needs from a session (CliSession in production, a fake in unit tests). */
export interface ReadySource {
  view(): PositionsView;
  status(): ConnectionStatus | null;
  problem(): string | null;
  subscribe(listener: () => void): () => void;
}

export interface ReadyOptions {
  /** Overall limit for connecting and the first snapshot (exit 4 after it). */
  timeoutMs: number;
  /**
   * After the snapshot, how long to wait for the first mark ticks and the account read (a failed
   * account read prints without the account rather than failing the command). `markPrice@1s` ticks every second,
   * so 3 s covers the subscription and a period with margin; a symbol that stays quiet longer is
   * shown with its snapshot mark (markAt null) rather than failing the command.
   */
  markWaitMs?: number;
}

export const DEFAULT_MARK_WAIT_MS = 3_000;

/**
 * True once every row in view has had a mark tick and the account has been read: the complete
 * picture (a view with a full snapshot is assumed).
 */
export function isComplete(view: PositionsView): boolean {
  return view.account !== null && view.rows.every((row) => row.markAt !== null);
}

/** Resolves when the first complete view is there; rejects with a CliError otherwise. */
export function waitForFirstView(source: ReadySource, options: ReadyOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let everLive = false;
    let markTimer: NodeJS.Timeout | null = null;
    const finish = (error?: CliError): void => {
      clearTimeout(deadline);
      if (markTimer !== null) clearTimeout(markTimer);
      unsubscribe();
      if (error === undefined) resolve();
      else reject(error);
    };
    const check = (): void => {
      const status = source.status();
      const state = status?.state ?? 'connecting';
      if (state === 'auth-failed') return finish(new CliError(EXIT.auth, status?.message ?? 'The exchange rejected the API key.'));
      if (state === 'banned') return finish(new CliError(EXIT.unreachable, status?.message ?? 'The exchange has banned this IP for now.'));
      if (state === 'reconnecting' && !everLive) {
        return finish(new CliError(EXIT.unreachable, status?.message ?? 'Cannot reach the exchange.'));
      }
      if (state !== 'live') return;
      everLive = true;
      const view = source.view();
      if (view.snapshotAt === null) return;
      if (isComplete(view)) return finish();
      markTimer ??= setTimeout(() => finish(), options.markWaitMs ?? DEFAULT_MARK_WAIT_MS);
    };
    const deadline = setTimeout(() => {
      const state = source.status()?.state ?? 'connecting';
      const problem = source.problem();
      finish(
        new CliError(
          EXIT.unreachable,
          `No positions snapshot within ${Math.round(options.timeoutMs / 1000)} s (connection: ${state})${problem === null ? '.' : `: ${problem}`}`,
        ),
      );
    }, options.timeoutMs);
    const unsubscribe = source.subscribe(check);
    check();
  });
}
