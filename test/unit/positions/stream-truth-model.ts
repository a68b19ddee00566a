/**
 * A small exchange as the live one behaves (PROTOCOL §13.4–13.5), for the property test of lagging
 * snapshots: positions change at transaction times `T` (several changes may share one `T`, ordered
 * by `E`, then by arrival), each change is pushed on the user stream in order, and a position query
 * requested at exchange time `r` answers with the truth as of `r − lag` (lag up to the allowance),
 * open rows carrying the `T` of their last change as `updateTime`, flat rows `0` as v1 does.
 */
import fc from 'fast-check';
import type { AccountUpdatePosition } from '../../../electron/exchange/user-events';
import { positionKey, type ExchangePosition, type PositionSide } from '../../../shared/position';
import { sidesOf, SYMBOLS, type Mode } from './truth-model';
import { v1Row } from '../../support/position-fixture';

/** How far behind the stream a reply may be, in the model's exchange milliseconds. */
export const LAG_ALLOWANCE = 50;

export type StreamStep =
  | { kind: 'change'; legs: Array<{ symbol: string; side: PositionSide; size: number; entry: number }>; sameT: boolean; dt: number }
  | { kind: 'deliver' }
  | { kind: 'request'; scope: string | null; lag: number }
  | { kind: 'reply' };

export interface StreamUpdate {
  T: number;
  E: number;
  changes: AccountUpdatePosition[];
}

export interface Reply {
  rows: ExchangePosition[];
  serverTime: number;
  scope: string | null;
}

interface Version {
  time: number;
  positionAmt: string;
  entryPrice: string;
}

const SIZES: Record<PositionSide, readonly string[]> = { BOTH: ['0', '0.5', '-1.25', '2'], LONG: ['0', '0.5', '2'], SHORT: ['0', '-1.25', '-0.3'] };

/** The exchange: its history per position, the stream not yet delivered, the replies not yet read. */
export class StreamExchange {
  time = 1_000;
  private eventTime = 1_000;
  private readonly history = new Map<string, Version[]>();
  readonly stream: StreamUpdate[] = [];
  readonly replies: Reply[] = [];

  constructor(readonly mode: Mode) {}

  change(step: Extract<StreamStep, { kind: 'change' }>): void {
    if (!step.sameT) this.time += step.dt;
    this.eventTime = Math.max(this.eventTime, this.time) + (step.sameT && step.dt % 2 === 0 ? 0 : 1); // E ties too
    const changes: AccountUpdatePosition[] = [];
    for (const leg of step.legs) {
      const sizes = SIZES[leg.side];
      const positionAmt = sizes[leg.size % sizes.length]!;
      const entryPrice = positionAmt === '0' ? '0' : String(100 + (leg.entry % 7));
      const key = positionKey(leg.symbol, leg.side);
      const versions = this.history.get(key) ?? [];
      versions.push({ time: this.time, positionAmt, entryPrice });
      this.history.set(key, versions);
      changes.push({ s: leg.symbol, ps: leg.side, pa: positionAmt, ep: entryPrice, bep: '0', up: '0', mt: 'cross', iw: '0' });
    }
    this.stream.push({ T: this.time, E: this.eventTime, changes });
  }

  /** A query requested now, answered as of `lag` ms ago. */
  request(scope: string | null, lag: number): void {
    const asOf = this.time - lag;
    const symbols = scope === null ? SYMBOLS : [scope];
    const rows = symbols.flatMap((symbol) =>
      sidesOf(this.mode).map((side) => {
        const version = this.versionAt(positionKey(symbol, side), asOf);
        const open = version !== undefined && version.positionAmt !== '0';
        return row(symbol, side, open ? version : undefined);
      }),
    );
    this.replies.push({ rows, serverTime: this.time, scope });
  }

  /** Every version of `key` with a `T` of `time` or later (an update at `time` was delivered). */
  versionsSince(key: string, time: number): Version[] {
    return (this.history.get(key) ?? []).filter((version) => version.time >= time);
  }

  /** The version in force at `time`: the last change at or before it (the later of equal `T`s). */
  versionAt(key: string, time: number): Version | undefined {
    const versions = this.history.get(key) ?? [];
    let found: Version | undefined;
    for (const version of versions) if (version.time <= time) found = version;
    return found;
  }
}

function row(symbol: string, side: PositionSide, version: Version | undefined): ExchangePosition {
  return v1Row({
    symbol,
    positionSide: side,
    positionAmt: version?.positionAmt ?? '0',
    entryPrice: version?.entryPrice ?? '0.0',
    breakEvenPrice: version?.entryPrice ?? '0.0',
    markPrice: '100',
    liquidationPrice: version === undefined ? '0' : '50',
    updateTime: version?.time ?? 0,
  });
}

export function streamStep(mode: Mode): fc.Arbitrary<StreamStep> {
  const symbol = fc.constantFrom(...SYMBOLS);
  const leg = fc.record({ symbol, side: fc.constantFrom(...sidesOf(mode)), size: fc.nat(11), entry: fc.nat(6) });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('change' as const),
        legs: fc.uniqueArray(leg, { minLength: 1, maxLength: 2, selector: (l) => `${l.symbol}:${l.side}` }),
        sameT: fc.boolean(),
        dt: fc.integer({ min: 1, max: 30 }),
      }),
    },
    { weight: 4, arbitrary: fc.constant({ kind: 'deliver' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('request' as const), scope: fc.option(symbol, { nil: null }), lag: fc.integer({ min: 0, max: LAG_ALLOWANCE }) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'reply' as const }) },
  );
}
