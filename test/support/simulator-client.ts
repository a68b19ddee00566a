/**
 * The simulator and exchange client of one integration test, closed when the test ends (pass or
 * fail), so each test file no longer keeps its own module variables and afterEach for them; and the
 * same pair behind a WS API relay (ws-relay.ts) for tests that see or bend the traffic.
 */
import { onTestFinished } from 'vitest';
import { ExchangeClient } from '../../electron/exchange/client';
import type { ClientEvents, ExchangeClientOptions } from '../../electron/exchange/client-options';
import { createSigner } from '../../electron/exchange/signing';
import {
  startSimulator,
  type RunningSimulator,
  type SimAccountCredentials,
  type SimulatorOptions,
} from '../../electron/simulator';
import { simulatorCredentials } from './simulator-demo';
import { waitFor } from './wait';
import { startRelay, type Relay, type RelayHooks } from './ws-relay';

/** Starts a simulator on 127.0.0.1:0 that closes when the current test finishes. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = await startSimulator(options);
  onTestFinished(() => simulator.close());
  return simulator;
}

/**
 * Creates (does not start) a client that stops when the current test finishes. Finish hooks run in
 * reverse order, so a client made after its simulator stops before the simulator closes.
 */
export function createTestClient(options: ExchangeClientOptions): ExchangeClient {
  const client = new ExchangeClient(options);
  onTestFinished(() => client.stop());
  return client;
}

/** A simulator, a relay in front of its WS API, and a client connected through the relay. */
export interface RelayedClient {
  simulator: RunningSimulator;
  relay: Relay;
  client: ExchangeClient;
}

/**
 * Starts a simulator and a relay with `hooks` in front of its WS API, then a client of `account`
 * (HMAC) through the relay, and resolves once it is connected. All three close when the test ends.
 */
export async function connectThroughRelay(options: {
  simulator: SimulatorOptions;
  account: SimAccountCredentials['name'];
  hooks: RelayHooks;
  events?: Omit<ClientEvents, 'onConnected'>;
}): Promise<RelayedClient> {
  const simulator = await startTestSimulator(options.simulator);
  const relay = await startRelay(simulator.urls.wsApi, options.hooks);
  onTestFinished(() => relay.close());
  let connected = false;
  const client = createTestClient({
    endpoints: { ...simulator.urls, wsApi: relay.url },
    signer: createSigner(simulatorCredentials(simulator, options.account)),
    events: { ...options.events, onConnected: () => (connected = true) },
  });
  client.start();
  await waitFor(() => (connected ? true : undefined), 8_000, 'connected through the relay');
  return { simulator, relay, client };
}
