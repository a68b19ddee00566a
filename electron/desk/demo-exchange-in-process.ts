/**
 * Demo mode's exchange in the calling thread: the simulator started right here. The headless CLI
 * uses it (a short-lived process with nothing else to keep responsive); the app uses the worker
 * thread of demo-exchange.ts instead.
 */
import type { DemoAccount } from '../../shared/connection';
import type { Credentials } from '../exchange/signing';
import { startSimulator } from '../simulator';
import type { DemoExchange } from './demo-exchange';

/** Starts the simulator in this thread on a free loopback port. */
export async function startInProcessDemoExchange(): Promise<DemoExchange> {
  // Activity on: occasional fills and funding make demo mode feel like a live account.
  const simulator = await startSimulator({ seed: Date.now() % 2 ** 31, activity: true });
  const credentialsOf = (name: DemoAccount): Credentials => {
    const account = simulator.accounts.find((candidate) => candidate.name === name);
    if (account === undefined) throw new Error(`The simulator has no ${name} account`);
    return { apiKey: account.apiKey, secret: account.secret };
  };
  return {
    endpoints: simulator.urls,
    credentials: { oneway: credentialsOf('oneway'), hedge: credentialsOf('hedge') },
    close: () => simulator.close(),
  };
}
