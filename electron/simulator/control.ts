/**
 * Runs control commands (control-schema.ts) against a running simulator: the fault injection
 * and scripting surface for test harnesses, shared by `POST /__sim` and
 * `RunningSimulator.control`. Never throws on input: every problem is `{ ok: false, error }`.
 */
import type { AccountName, PositionSide } from './account-model';
import type { AccountBook } from './account-book';
import { dec, toTrimmed } from './decimal';
import { crossMarginRatio } from './margin-ratio';
import { price8 } from './format';
import { planMarginPress } from './press-margin';
import { scanRisk } from './risk';
import { type ControlCommand, parseControlCommand } from './control-schema';
import type { LinkRegistry } from './link-registry';
import type { ListenKeys } from './listen-keys';
import { malformedFrame } from './malformed-frames';
import type { Market } from './market';
import type { V1PositionRow } from './position-rows';
import type { WeightLedger } from './rate-limit';
import type { SimClock } from './clock';
import type { Traffic } from './traffic';
import type { MethodRetirement } from './retirement';

/** What commands act on. */
export interface ControlTarget {
  readonly book: AccountBook;
  readonly market: Market;
  readonly links: LinkRegistry;
  readonly listenKeys: ListenKeys;
  readonly clock: SimClock;
  readonly ledger: WeightLedger;
  readonly traffic: Traffic;
  readonly truth: (account: AccountName) => V1PositionRow[];
  /** The account's `v2/account.status` reply now. */
  readonly accountTruth: (account: AccountName) => Record<string, unknown>;
  /** Forces a mark and runs the risk checks it may trigger. */
  readonly setMark: (symbol: string, price: string) => void;
  /** Forces several marks at once, then runs the risk checks once. */
  readonly setMarks: (marks: ReadonlyMap<string, string>) => void;
  readonly settleFunding: () => void;
  readonly retirement: MethodRetirement;
  /** Starts a quote flood (quote-flood.ts); returns how many orders it will send. */
  readonly startQuotes: (account: AccountName, symbol: string, ordersPerSecond: number, durationMs: number) => number;
  /** How far position snapshots lag the stream (`lagSnapshots`), ms. */
  readonly snapshotLag: { ms: number };
}

/** A command's reply: `ok` plus the command's facts, or the reason it was refused. */
export type ControlReply = ({ ok: true } & Record<string, unknown>) | { ok: false; error: string };

/** Default retry window of a forced 429 and of a forced ban. */
const DEFAULT_RETRY_MS = { 429: 5_000, 418: 120_000 } as const;

/** Validates and runs one command. */
export function runControl(target: ControlTarget, input: unknown): ControlReply {
  const parsed = parseControlCommand(input);
  if (!parsed.ok) return parsed;
  try {
    return execute(target, parsed.command);
  } catch (error) {
    // Validation above is the contract; anything thrown past it is reported, not fatal.
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function execute(target: ControlTarget, command: ControlCommand): ControlReply {
  switch (command.command) {
    case 'fill':
      return fill(target, command);
    case 'adl':
      return adl(target, command);
    case 'quote': {
      if (!target.market.spec(command.symbol)) return { ok: false, error: `symbol ${command.symbol} does not trade` };
      const orders = target.startQuotes(command.account, command.symbol, command.ordersPerSecond, command.durationMs);
      return { ok: true, orders };
    }
    case 'bepZero':
      target.book.setBepZero(command.enabled);
      return { ok: true, bepZero: command.enabled };
    case 'lagSnapshots':
      target.snapshotLag.ms = command.ms;
      return { ok: true, lagMs: command.ms };
    case 'setMark':
      if (!target.market.spec(command.symbol)) return { ok: false, error: `symbol ${command.symbol} does not trade` };
      target.setMark(command.symbol, command.price);
      return { ok: true, symbol: command.symbol, markPrice: command.price };
    case 'pressMargin':
      return pressMargin(target, command);
    case 'setLeverage': {
      if (!target.market.spec(command.symbol)) return { ok: false, error: `symbol ${command.symbol} does not trade` };
      const outcome = target.book.setLeverage(command.account, command.symbol, command.leverage);
      return outcome.ok ? { ok: true, leverage: outcome.value } : outcome;
    }
    case 'setMarginType': {
      if (!target.market.spec(command.symbol)) return { ok: false, error: `symbol ${command.symbol} does not trade` };
      const outcome = target.book.setMarginType(command.account, command.symbol, command.marginType);
      return outcome.ok ? { ok: true, marginType: outcome.value } : outcome;
    }
    case 'dropConnections': {
      const links = target.links.select(command.kind);
      for (const link of links) {
        if (command.mode === 'abrupt') link.destroy();
        else link.close(1001, 'going away'); // what a server says when it shuts a connection down
      }
      return { ok: true, dropped: links.length };
    }
    case 'stall': {
      const links = target.links.select(command.kind);
      for (const link of links) link.stall(command.durationMs);
      return { ok: true, stalled: links.length };
    }
    case 'unstall': {
      const links = target.links.select(command.kind);
      for (const link of links) link.unstall();
      return { ok: true, resumed: links.length };
    }
    case 'withholdPongs': {
      const links = target.links.select(command.kind);
      for (const link of links) link.withholdPongs(command.withhold ?? true);
      return { ok: true, affected: links.length };
    }
    case 'expireListenKey': {
      const listenKey = target.listenKeys.expire(command.account);
      return listenKey === undefined ? { ok: false, error: `account ${command.account} has no active listenKey` } : { ok: true, listenKey };
    }
    case 'skewClock':
      target.clock.setSkew(command.ms);
      target.listenKeys.sweep();
      return { ok: true, skewMs: command.ms, serverTime: target.clock.now() };
    case 'rateLimit': {
      const retryAfter = target.clock.now() + (command.retryAfterMs ?? DEFAULT_RETRY_MS[command.status]);
      target.ledger.force(command.status, retryAfter);
      return { ok: true, status: command.status, retryAfter };
    }
    case 'resetRateLimits':
      target.ledger.reset();
      return { ok: true };
    case 'malformed': {
      const frame = malformedFrame(command.kind, command.variant, target.clock.now());
      const links = target.links.select(command.kind);
      for (const link of links) link.send(frame.data, frame.binary);
      return { ok: true, sent: links.length };
    }
    case 'settleFunding':
      target.settleFunding();
      return { ok: true };
    case 'truth':
      return { ok: true, rows: target.truth(command.account) };
    case 'accountTruth':
      return { ok: true, status: target.accountTruth(command.account) };
    case 'retireMethod':
      target.retirement.retire(command.method, command.as);
      return { ok: true, method: command.method, as: command.as ?? 'retired' };
    case 'restoreMethod':
      return { ok: true, restored: target.retirement.restore(command.method) };
    case 'stats':
      return { ok: true, ...target.traffic.stats() };
  }
}

function fill(target: ControlTarget, command: Extract<ControlCommand, { command: 'fill' }>): ControlReply {
  const mode = target.book.get(command.account).mode;
  const positionSide: PositionSide | undefined = command.positionSide ?? (mode === 'oneway' ? 'BOTH' : undefined);
  if (!positionSide) return { ok: false, error: 'positionSide: LONG or SHORT is required on the hedge account' };
  const spec = target.market.spec(command.symbol);
  if (!spec) return { ok: false, error: `symbol ${command.symbol} does not trade` };
  const quantity = dec(command.qty);
  const step = dec(spec.stepSize);
  if (quantity <= 0n || quantity % step !== 0n) {
    return { ok: false, error: `qty: must be a positive multiple of the step size ${spec.stepSize}` };
  }
  const price = command.price === undefined ? undefined : dec(command.price);
  if (price !== undefined && price <= 0n) return { ok: false, error: 'price: must be positive' };
  const request = { symbol: command.symbol, side: command.side, positionSide, quantity, price, trades: command.trades };
  const outcome = target.book.fill(command.account, request);
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}

function adl(target: ControlTarget, command: Extract<ControlCommand, { command: 'adl' }>): ControlReply {
  const spec = target.market.spec(command.symbol);
  if (!spec) return { ok: false, error: `symbol ${command.symbol} does not trade` };
  const account = target.book.get(command.account);
  // Without a side: the account's only open leg in that symbol.
  const legs = account.positions.filter((p) => p.symbol === command.symbol && (command.positionSide ?? p.positionSide) === p.positionSide);
  if (legs.length !== 1) {
    return { ok: false, error: legs.length === 0 ? `no open position in ${command.symbol} to deleverage` : 'positionSide: LONG or SHORT is required, both legs are open' };
  }
  const quantity = command.qty === undefined ? undefined : dec(command.qty);
  if (quantity !== undefined && (quantity <= 0n || quantity % dec(spec.stepSize) !== 0n)) {
    return { ok: false, error: `qty: must be a positive multiple of the step size ${spec.stepSize}` };
  }
  const outcome = target.book.adl(command.account, { symbol: command.symbol, positionSide: legs[0]!.positionSide, quantity });
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}

/**
 * Moves the marks of the account's net cross positions against it (or in its favour) until its
 * cross margin ratio is the target; the walk goes on from the new marks. Liquidations and margin
 * calls follow as for any mark move. Other accounts with positions in those symbols move too.
 */
function pressMargin(target: ControlTarget, command: Extract<ControlCommand, { command: 'pressMargin' }>): ControlReply {
  const wanted = dec(command.ratioPct.toFixed(4)) / 100n;
  const planned = planMarginPress(target.book.get(command.account), target.market, wanted);
  if (!planned.ok) return planned;
  const marks = new Map([...planned.press.marks].map(([symbol, mark]) => [symbol, price8(mark)]));
  target.setMarks(marks);
  const ratio = crossMarginRatio(scanRisk(target.book.get(command.account), target.market));
  return {
    ok: true,
    account: command.account,
    ratioPct: ratio === undefined ? null : Number(toTrimmed(ratio * 100n, 2, 0)),
    marks: Object.fromEntries(marks),
  };
}
