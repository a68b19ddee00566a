/**
 * Set-up shared by the "live exchange" suites (PROTOCOL §13): a simulator on a frozen clock, its
 * WS API peer, and a user data stream per account, all closed after each test.
 */
import { afterEach } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../electron/simulator';
import { FROZEN_NOW, Peer, sign } from './helpers';

/** A user data event as received. */
export interface LiveEvent {
  e: string;
  E: number;
  T?: number;
  [key: string]: unknown;
}

/** What a live suite works with. */
export interface LiveSim {
  readonly sim: RunningSimulator;
  readonly api: Peer;
  /** Opens `/private/ws/<listenKey>` for an account. */
  userStream(account: 'oneway' | 'hedge' | 'multi'): Promise<Peer>;
  /** A signed WS API call by an account's HMAC key; resolves with the whole reply. */
  call(method: string, account: 'oneway' | 'hedge' | 'multi', params?: Record<string, string | number>): ReturnType<Peer['call']>;
  /** Opens another socket, closed after the test. */
  open(url: string): Promise<Peer>;
}

/** Registers the after-each clean-up and returns a starter. */
export function liveSimulators(): (options?: SimulatorOptions) => Promise<LiveSim> {
  const opened: Peer[] = [];
  let running: RunningSimulator | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((peer) => peer.close()));
    await running?.close();
    running = undefined;
  });
  return async (options = {}) => {
    const sim = await startSimulator({ now: () => FROZEN_NOW, markIntervalMs: 60_000, ...options });
    running = sim;
    const open = async (url: string): Promise<Peer> => {
      const peer = await Peer.open(url);
      opened.push(peer);
      return peer;
    };
    const api = await open(sim.urls.wsApi);
    const keyOf = (name: string) => {
      const key = sim.accounts.find((a) => a.name === name);
      if (!key) throw new Error(`no HMAC key for ${name}`);
      return key;
    };
    let nextId = 1;
    const call: LiveSim['call'] = (method, account, params = {}) => {
      const { apiKey, secret } = keyOf(account);
      return api.call({ id: nextId++, method, params: sign({ apiKey, timestamp: FROZEN_NOW, ...params }, secret) });
    };
    const userStream = async (account: 'oneway' | 'hedge' | 'multi'): Promise<Peer> => {
      const reply = await api.call({ id: nextId++, method: 'userDataStream.start', params: { apiKey: keyOf(account).apiKey } });
      const { listenKey } = reply.result as { listenKey: string };
      return open(`${sim.urls.private}/ws/${listenKey}`);
    };
    return { sim, api, userStream, call, open };
  };
}
