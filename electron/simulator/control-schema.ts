/**
 * The control endpoint's commands (`POST /__sim` and `RunningSimulator.control`), validated
 * field by field: unknown commands and unknown fields are refused, decimals must be strings
 * (as Binance's DECIMAL params are), durations bounded integers.
 */
import { z } from 'zod';
import { MAX_SNAPSHOT_LAG_MS } from './account-history';
import { MAX_QUOTES_PER_SECOND, MAX_QUOTE_DURATION_MS } from './quote-flood';
import { RETIRABLE_METHODS } from './retirement';

const account = z.enum(['oneway', 'hedge', 'multi']);
const kind = z.enum(['wsApi', 'market', 'private', 'all']);
const decimal = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/, 'must be a positive decimal string with at most 8 decimals');
/**
 * Any name the exchange may list: Unicode letters and digits since 2025-10 (`币安人生USDT`,
 * PROTOCOL §13.1), a delivery suffix `_YYMMDD`, bounded; never spaces, punctuation or control
 * characters. The simulator's own rule (it shares nothing with the client, DESIGN §6).
 */
const symbol = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}]{0,39}(_\d{6})?$/u, 'must be a listed symbol such as BTCUSDT');
const DAY_MS = 86_400_000;
const duration = z.number().int().min(1).max(DAY_MS);

const command = <Name extends string, Shape extends z.ZodRawShape>(name: Name, shape: Shape) =>
  z.object({ command: z.literal(name), ...shape }).strict();

/** Every command and its fields. */
export const controlCommandSchema = z.discriminatedUnion('command', [
  command('fill', {
    account,
    symbol,
    side: z.enum(['BUY', 'SELL']),
    /** Defaults to BOTH on the one-way account; required (LONG/SHORT) on the hedge account. */
    positionSide: z.enum(['BOTH', 'LONG', 'SHORT']).optional(),
    qty: decimal,
    /** Defaults to the current mark. */
    price: decimal.optional(),
    /** Trades at one transaction time (equal `T`s, PROTOCOL §13.5); default 1. */
    trades: z.number().int().min(1).max(10).optional(),
  }),
  command('adl', { account, symbol, positionSide: z.enum(['BOTH', 'LONG', 'SHORT']).optional(), qty: decimal.optional() }),
  command('bepZero', { enabled: z.boolean() }),
  command('quote', {
    account,
    symbol,
    ordersPerSecond: z.number().int().min(1).max(MAX_QUOTES_PER_SECOND),
    durationMs: z.number().int().min(1).max(MAX_QUOTE_DURATION_MS),
  }),
  command('lagSnapshots', { ms: z.number().int().min(0).max(MAX_SNAPSHOT_LAG_MS) }),
  command('setMark', { symbol, price: decimal }),
  /** Moves the marks of the account's cross positions until its cross margin ratio is `ratioPct` (± 0.5). */
  command('pressMargin', { account, ratioPct: z.number().min(1).max(99) }),
  command('setLeverage', { account, symbol, leverage: z.number().int().min(1).max(125) }),
  command('setMarginType', { account, symbol, marginType: z.enum(['isolated', 'cross']) }),
  command('dropConnections', { kind: kind.optional(), mode: z.enum(['clean', 'abrupt']).optional() }),
  command('stall', { kind: kind.optional(), durationMs: duration.optional() }),
  command('unstall', { kind: kind.optional() }),
  command('withholdPongs', { kind: kind.optional(), withhold: z.boolean().optional() }),
  command('expireListenKey', { account }),
  command('skewClock', { ms: z.number().int().min(-365 * DAY_MS).max(365 * DAY_MS) }),
  command('rateLimit', { status: z.union([z.literal(429), z.literal(418)]), retryAfterMs: duration.optional() }),
  command('resetRateLimits', {}),
  command('malformed', {
    kind: z.enum(['market', 'private']),
    variant: z.enum(['non-json', 'binary', 'truncated', 'wrong-types', 'unknown-event']),
  }),
  command('settleFunding', {}),
  command('truth', { account }),
  command('accountTruth', { account }),
  command('retireMethod', {
    method: z.enum(RETIRABLE_METHODS),
    /** `retired` (default): -5000 "… is retired"; `unknown`: what an unknown method gets. */
    as: z.enum(['retired', 'unknown']).optional(),
  }),
  /** Without `method`, every retired method comes back. */
  command('restoreMethod', { method: z.enum(RETIRABLE_METHODS).optional() }),
  command('stats', {}),
]);

/** A validated command. */
export type ControlCommand = z.infer<typeof controlCommandSchema>;

/** The names of the commands. */
export type ControlCommandName = ControlCommand['command'];

/** Parses a command; the error is one line naming each bad field. */
export function parseControlCommand(input: unknown): { ok: true; command: ControlCommand } | { ok: false; error: string } {
  const parsed = controlCommandSchema.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const error = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'command'}: ${issue.message}`)
    .join('; ');
  return { ok: false, error };
}
