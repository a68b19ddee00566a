/**
 * Demo mode's exchange in the calling thread: the simulator started right here. The headless CLI
 * uses it (a short-lived process with nothing else to keep responsive); the app uses the worker
 * thread of demo-exchange.ts instead.
 */
import { startSimulator } from '../simulator';
import { demoAccountCredentials } from './demo-accounts';
import type { DemoExchange } from './demo-exchange';

/** Starts the simulator in this thread on a free loopback port. */
export async function startInProcessDemoExchange(): Promise<DemoExchange> {
  // Activity on: occasional fills and funding make demo mode feel like a live account.
  const simulator = await startSimulator({ seed: Date.now() % 2 ** 31, activity: true });
  return {
    endpoints: simulator.urls,
    credentials: demoAccountCredentials(simulator.accounts),
    close: () => simulator.close(),
  };
}
