/**
 * `startSimulator` options: every field optional, with Binance's values as defaults where
 * Binance has one, and validation that refuses nonsense before anything starts.
 */
import { DEFAULT_MARGIN_CALL_RATIO } from './account-book';
import { CONTROL_TOKEN_PATTERN, newControlToken } from './control-auth';
import { dec } from './decimal';
import { DEFAULT_LISTEN_KEY_TTL_MS } from './listen-keys';
import { BINANCE_TIMINGS } from './link';
import { FUNDING_PERIOD_MS } from './mark-feed';
import { DEFAULT_BAN_MS, REQUEST_WEIGHT_LIMIT } from './rate-limit';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios';

/** How to start a simulator. Every field is optional. */
export interface SimulatorOptions {
  /** Interface to bind; default '127.0.0.1'. Nothing else is ever bound by default. */
  host?: string;
  /** Port; default 0, a free port chosen by the OS. */
  port?: number;
  /** Seed of the price walk and the activity generator; default 1. */
  seed?: number;
  /** Mark step and `@markPrice@1s` period in ms (default 1000); `@markPrice` every 3×. */
  markIntervalMs?: number;
  /** Clock for server times, event times and rate-limit windows; default `Date.now`. */
  now?: () => number;
  /** Serve `POST /__sim` (the control endpoint); default false, the endpoint answers 404. */
  control?: boolean;
  /**
   * The bearer token `POST /__sim` requires (32–128 of `A-Z a-z 0-9 _ -`); default a fresh
   * random one per run, returned as `RunningSimulator.controlToken`.
   */
  controlToken?: string;
  /** Start-up data set (scenarios.ts); default 'oneway' (the standard demo book). */
  scenario?: ScenarioName;
  /** Generated symbols in the 'large' scenario; default 200. */
  symbols?: number;
  /** Occasional small seeded fills on open positions; default false (the CLI turns it on). */
  activity?: boolean;
  /** Mean time between generated fills, ms; default 4000. */
  activityIntervalMs?: number;
  /** REQUEST_WEIGHT per minute and IP; default 2400 (lower it to reach 429 quickly). */
  weightLimit?: number;
  /** How long an IP that ignores a 429 is banned (418), ms; default 120 000. */
  banMs?: number;
  /** listenKey validity, ms; default 60 min. */
  listenKeyTtlMs?: number;
  /** Server ping period on every connection, ms; default 180 000. */
  pingIntervalMs?: number;
  /** Disconnect when no pong echoes a ping within this, ms; default 600 000. */
  pongTimeoutMs?: number;
  /** Connection lifetime, ms; default 24 h (closed with 1000 "24h"). */
  maxConnectionMs?: number;
  /** Funding period, ms; default 8 h (00:00/08:00/16:00 UTC grid). */
  fundingIntervalMs?: number;
  /** MARGIN_CALL when maintenance ÷ margin balance reaches this; default 0.8. */
  marginCallRatio?: number;
}

/** Options with every default applied. */
export type ResolvedOptions = Required<Omit<SimulatorOptions, 'marginCallRatio'>> & { marginCallRatio: bigint };

const positiveInteger = (name: string, value: number, max = 2 ** 31 - 1): void => {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be an integer from 1 to ${max}: ${value}`);
};

/** Applies defaults and validates; throws RangeError for an invalid option. */
export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const resolved = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    seed: options.seed ?? 1,
    markIntervalMs: options.markIntervalMs ?? 1000,
    now: options.now ?? Date.now,
    control: options.control ?? false,
    controlToken: options.controlToken ?? newControlToken(),
    scenario: options.scenario ?? 'oneway',
    symbols: options.symbols ?? 200,
    activity: options.activity ?? false,
    activityIntervalMs: options.activityIntervalMs ?? 4000,
    weightLimit: options.weightLimit ?? REQUEST_WEIGHT_LIMIT,
    banMs: options.banMs ?? DEFAULT_BAN_MS,
    listenKeyTtlMs: options.listenKeyTtlMs ?? DEFAULT_LISTEN_KEY_TTL_MS,
    pingIntervalMs: options.pingIntervalMs ?? BINANCE_TIMINGS.pingIntervalMs,
    pongTimeoutMs: options.pongTimeoutMs ?? BINANCE_TIMINGS.pongTimeoutMs,
    maxConnectionMs: options.maxConnectionMs ?? BINANCE_TIMINGS.maxConnectionMs,
    fundingIntervalMs: options.fundingIntervalMs ?? FUNDING_PERIOD_MS,
    marginCallRatio: options.marginCallRatio,
  };
  const { port, seed, markIntervalMs, scenario, marginCallRatio } = resolved;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`invalid port: ${port}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  if (!Number.isFinite(markIntervalMs) || markIntervalMs < 1) {
    throw new RangeError(`markIntervalMs must be at least 1: ${markIntervalMs}`);
  }
  if (!CONTROL_TOKEN_PATTERN.test(resolved.controlToken)) {
    throw new RangeError('controlToken must be 32 to 128 characters of A-Z a-z 0-9 _ -');
  }
  if (!SCENARIO_NAMES.includes(scenario)) throw new RangeError(`unknown scenario: ${String(scenario)}`);
  positiveInteger('symbols', resolved.symbols, 5000);
  positiveInteger('activityIntervalMs', resolved.activityIntervalMs);
  positiveInteger('weightLimit', resolved.weightLimit, 10_000_000);
  positiveInteger('banMs', resolved.banMs);
  positiveInteger('listenKeyTtlMs', resolved.listenKeyTtlMs);
  positiveInteger('pingIntervalMs', resolved.pingIntervalMs);
  positiveInteger('pongTimeoutMs', resolved.pongTimeoutMs);
  positiveInteger('maxConnectionMs', resolved.maxConnectionMs, Number.MAX_SAFE_INTEGER);
  positiveInteger('fundingIntervalMs', resolved.fundingIntervalMs, Number.MAX_SAFE_INTEGER);
  if (marginCallRatio !== undefined && !(marginCallRatio > 0 && marginCallRatio <= 10)) {
    throw new RangeError(`marginCallRatio must be in (0, 10]: ${marginCallRatio}`);
  }
  return {
    ...resolved,
    marginCallRatio: marginCallRatio === undefined ? DEFAULT_MARGIN_CALL_RATIO : dec(marginCallRatio.toFixed(6)),
  };
}
