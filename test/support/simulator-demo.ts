/**
 * Demo mode's exchange made from a simulator the caller started (and so can ask for the truth):
 * the one set-up the desk tests, the e2e fixture and the browser benchmarks share.
 */
import { demoAccountCredentials } from '../../electron/desk/demo-accounts';
import type { DemoExchange } from '../../electron/desk/demo-exchange';
import type { RunningSimulator, SimAccountCredentials } from '../../electron/simulator';

/** The simulator's HMAC account of that name; throws when it has none. */
export function simulatorAccount(simulator: RunningSimulator, name: SimAccountCredentials['name']): SimAccountCredentials {
  const account = simulator.accounts.find((candidate) => candidate.name === name);
  if (account === undefined) throw new Error(`the simulator has no ${name} account`);
  return account;
}

/** The API key and secret of the simulator's account of that name. */
export function simulatorCredentials(
  simulator: RunningSimulator,
  name: SimAccountCredentials['name'],
): { apiKey: string; secret: string } {
  const { apiKey, secret } = simulatorAccount(simulator, name);
  return { apiKey, secret };
}

/**
 * A DemoExchange over a running simulator, with keys for every demo account the app offers. Closing
 * it leaves the simulator running: its owner closes it.
 */
export function simulatorDemoExchange(simulator: RunningSimulator): DemoExchange {
  return { endpoints: simulator.urls, credentials: demoAccountCredentials(simulator.accounts), close: () => Promise.resolve() };
}
