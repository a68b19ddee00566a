import { z } from 'zod';

/** Where the app is connected: the built-in simulator, Binance's testnet or mainnet, or user URLs. */
export const environmentSchema = z.enum(['demo', 'testnet', 'mainnet', 'custom']);
export type Environment = z.infer<typeof environmentSchema>;

/**
 * The built-in demo accounts of the simulator: one-way, hedge, and a one-way Multi-Assets account
 * (USDT and USDC wallets, a position margined in each), so demo mode shows totals per margin asset.
 */
export const demoAccountSchema = z.enum(['oneway', 'hedge', 'multi']);
export type DemoAccount = z.infer<typeof demoAccountSchema>;

/** The connection state machine as the UI shows it (DESIGN §4). */
export const connectionStateSchema = z.enum([
  'connecting',
  'live',
  'degraded',
  'reconnecting',
  'auth-failed',
  'banned',
  'offline',
]);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/** What the status bar shows about the link to the exchange. */
export const connectionStatusSchema = z.object({
  state: connectionStateSchema,
  environment: environmentSchema,
  profileName: z.string().max(100),
  /** Which demo account is shown; null outside demo mode. */
  demoAccount: demoAccountSchema.nullable(),
  /** Round trip of the last WS API request (ms). */
  latencyMs: z.number().nonnegative().nullable(),
  /** Server time minus local time (ms), by the midpoint method. */
  clockOffsetMs: z.number().nullable(),
  weightUsed: z.number().int().nonnegative().nullable(),
  weightLimit: z.number().int().nonnegative().nullable(),
  /** Local time of the last frame received from the exchange (ms). */
  lastMessageAt: z.number().int().nonnegative().nullable(),
  /** A plain-language explanation when the state is not `live`. */
  message: z.string().max(500).nullable(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
