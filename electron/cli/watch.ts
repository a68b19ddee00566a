/**
 * `perpdesk watch`: the positions as they change, until SIGINT / SIGTERM.
 *
 * Output is coalesced to at most 10 updates a second (WATCH_INTERVAL_MS) with the same leading-edge
 * throttle as the IPC pushes: the first change after a quiet spell goes out at once, later ones
 * within 100 ms merge into one. Each update is the whole state, so merging loses nothing; the rate
 * keeps the output bounded whatever the number of symbols (each ticks once a second, spread over
 * the second), lets a script or a terminal keep up, and adds at most 100 ms of delay. The IPC
 * limit of 60/s exists for a renderer painting at 60 fps; a person reading a terminal or a script
 * piping JSON gains nothing from more than 10.
 */
import type { ConnectionState } from '../../shared/connection';
import type { SymbolInfo } from '../../shared/symbols';
import { LeadingThrottle } from '../ipc/throttle';
import { currentDocument, currentTable, firstView, unlessAborted, type CommandContext } from './context';
import { statusDocument } from './document';
import { CliError, EXIT } from './errors';
import { isBackedUp, TerminalScreen } from './output';
import { renderTable } from './table';

export const WATCH_INTERVAL_MS = 100;

/** Connects, then prints every coalesced update until the signal aborts; throws on an auth failure. */
export async function watchCommand(context: CommandContext): Promise<void> {
  const screen = context.out.isTTY && !context.options.json ? new TerminalScreen(context.out) : null;
  try {
    // Tick sizes load while connecting (one REST call, shared with the symbol check).
    let symbols: ReadonlyMap<string, SymbolInfo> = new Map();
    const loading = context.session.symbols().then((loaded) => (symbols = loaded));
    // A terminal shows the connection progress while starting; JSON and pipes start with real data.
    const drawStartup = screen?.drawing(() => renderTable(currentTable(context, symbols)), context.session);
    try {
      await firstView(context);
    } finally {
      drawStartup?.();
    }
    await follow(context, screen, await unlessAborted(context.signal, loading));
  } finally {
    await screen?.close();
  }
}

/** Prints every coalesced update until the signal; throws when the keys stop working. */
async function follow(context: CommandContext, screen: TerminalScreen | null, symbols: ReadonlyMap<string, SymbolInfo>): Promise<void> {
  const { session, options, out, signal } = context;

  let lastVersion = -1;
  let lastState: ConnectionState | null = null;
  let waitingForDrain = false;
  const outcome: { failure: CliError | null } = { failure: null };
  const emit = (): void => {
    if (isBackedUp(out.stream)) {
      // The reader is behind: draw the newest state once it catches up instead of queueing stale ones.
      if (!waitingForDrain) {
        waitingForDrain = true;
        out.stream.once('drain', () => {
          waitingForDrain = false;
          throttle.notify();
        });
      }
      return;
    }
    if (screen !== null) {
      // A terminal redraws on status changes too: latency, state and ages stay current.
      screen.draw(renderTable(currentTable(context, symbols, Math.max(1, out.rows - 6))));
      return;
    }
    // JSON lines and piped tables: a new entry only when the positions changed.
    const view = session.view();
    if (view.version === lastVersion) return;
    lastVersion = view.version;
    const text = options.json ? JSON.stringify(currentDocument(context)) : `${renderTable(currentTable(context, symbols)).join('\n')}\n`;
    out.stream.write(`${text}\n`);
  };
  const throttle = new LeadingThrottle(WATCH_INTERVAL_MS, emit);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      unsubscribe();
      throttle.cancel();
      resolve();
    };
    const unsubscribe = session.subscribe((event) => {
      const status = session.status();
      if (event === 'status' && status !== null && status.state !== lastState) {
        lastState = status.state;
        // State changes are rare and matter to a script: a line of their own, at once.
        if (options.json && !isBackedUp(out.stream)) out.stream.write(`${JSON.stringify(statusDocument(status, context.now()))}\n`);
        if (status.state === 'auth-failed') {
          outcome.failure = new CliError(EXIT.auth, status.message ?? 'The exchange rejected the API key.');
          emit();
          stop();
          return;
        }
      }
      if (event === 'positions' || screen !== null) throttle.notify();
    });
    lastState = session.status()?.state ?? null;
    throttle.notify(); // the first update at once, through the throttle so the next one keeps its distance
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
  });
  if (outcome.failure !== null) throw outcome.failure;
}
