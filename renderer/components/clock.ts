/**
 * One shared one-second clock for everything that shows an age. Components read it through
 * `useClock(fn)`, which re-renders them only when `fn(now)` changes: an age label every second, a
 * row only when it turns stale. The timer runs only while something listens.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** `fn(now)`, re-evaluated every second; the component re-renders when the result changes (use primitives). */
export function useClock<T>(fn: (now: number) => T): T {
  // The clock's own `now`, not Date.now(): React may read the snapshot twice and needs the same answer.
  return useSyncExternalStore(subscribe, () => fn(now));
}
