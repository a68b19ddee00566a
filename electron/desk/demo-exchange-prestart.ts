/**
 * Demo mode's exchange, started ahead of the desk. Main starts it as soon as it holds the
 * single-instance lock, before the app is ready: the simulator then boots on its own thread while
 * main loads the rest of its modules and opens the window. The desk, built later, takes that same
 * start through `DeskOptions.startDemoExchange` (`take`). Whatever the exchange says before the desk
 * has taken it (a restart notice, a failure) is kept and handed over, in order, when it does.
 */
import type { DemoExchange, DemoExchangeEvents } from './demo-exchange';

/** A demo exchange start already under way. */
export interface PrestartedDemoExchange {
  /**
   * The start under way, for the desk (`DeskOptions.startDemoExchange`): its events go to `events`
   * from now on, after any that came earlier. It can be taken once: the exchange has one owner.
   */
  take(events: DemoExchangeEvents): Promise<DemoExchange>;
  /** Stops the exchange whether or not the desk took it (a start that failed before the desk existed). */
  close(): Promise<void>;
}

type Held = { kind: 'notice'; level: 'error' | 'info'; message: string } | { kind: 'failure'; message: string };

/** Starts the demo exchange now with `start` (e.g. `startDemoExchange`), to be taken by the desk later. */
export function prestartDemoExchange(start: (events: DemoExchangeEvents) => Promise<DemoExchange>): PrestartedDemoExchange {
  const held: Held[] = [];
  let owner: DemoExchangeEvents | null = null;
  let taken = false;
  const starting = start({
    onNotice: (level, message) => (owner === null ? held.push({ kind: 'notice', level, message }) : owner.onNotice?.(level, message)),
    onFailure: (message) => (owner === null ? held.push({ kind: 'failure', message }) : owner.onFailure?.(message)),
  });
  // A start that fails before the desk takes it is not an unhandled rejection: the taker (or close) sees it.
  starting.catch(() => undefined);
  let closing: Promise<void> | undefined;
  return {
    take(events) {
      if (taken) return Promise.reject(new Error('The demo exchange started ahead of the desk was already taken.'));
      taken = true;
      return starting.then((exchange) => {
        owner = events;
        for (const event of held.splice(0)) {
          if (event.kind === 'notice') events.onNotice?.(event.level, event.message);
          else events.onFailure?.(event.message);
        }
        return exchange;
      });
    },
    close() {
      closing ??= starting.then(
        (exchange) => exchange.close(),
        () => undefined, // it never ran: nothing to stop
      );
      return closing;
    },
  };
}
