/**
 * Demo mode's exchange: the built-in simulator on 127.0.0.1, reached through the same signed client,
 * sockets and engine as Binance. Only the URLs and the (public, simulated) keys differ.
 */
import type { DemoAccount } from '../../shared/connection';
import type { Endpoints } from '../exchange/endpoints';
import type { Credentials } from '../exchange/signing';
import { startSimulator } from '../simulator';

export interface DemoExchange {
  endpoints: Endpoints;
  credentials: Readonly<Record<DemoAccount, Credentials>>;
  close(): Promise<void>;
}

/** Starts the simulator in this process on a free loopback port. */
export async function startDemoExchange(): Promise<DemoExchange> {
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
