/**
 * The position engine as the desk runs it: over whichever exchange client is current (none while
 * switching sessions), on the exchange's clock as the client estimates it, and slowing down as the
 * client's view of the shared request weight fills (refresh-policy.ts).
 */
import type { ExchangePosition } from '../../shared/position';
import type { ExchangeClient } from '../exchange/client';
import { PositionEngine } from '../positions/engine';

export interface DeskEngineOptions {
  /** The current client, or null. */
  client: () => ExchangeClient | null;
  /** The current client, or a clear "not connected" error. */
  requireClient: () => ExchangeClient;
  now: () => number;
  onSnapshotRows?: ((rows: readonly ExchangePosition[], symbol: string | null, receivedAt: number) => void) | undefined;
  onChange: () => void;
  onSnapshotError: (error: unknown) => void;
  /** A read beside the positions failed (account, funding, ADL): for the timeline. */
  onReadNotice: (message: string) => void;
  refreshIntervalMs?: number | undefined;
}

/** Builds the desk's engine. */
export function createDeskEngine(options: DeskEngineOptions): PositionEngine {
  const { client, requireClient, now } = options;
  return new PositionEngine({
    exchange: {
      fetchPositions: async (symbol) => {
        const rows = await requireClient().fetchPositions(symbol);
        options.onSnapshotRows?.(rows, symbol ?? null, now());
        return rows;
      },
      followMarks: (symbols) => client()?.followMarks(symbols),
      fetchBrackets: () => requireClient().leverageBrackets(),
      fetchAccountStatus: () => requireClient().accountStatus(),
      fetchAccountConfig: () => requireClient().accountConfig(),
      fetchFundingIncome: (startTime) => requireClient().fundingIncome(startTime),
      fetchAdlQuantiles: () => requireClient().adlQuantiles(),
      fetchFundingIntervals: () => requireClient().fundingIntervals(),
    },
    now,
    serverNow: () => now() + (client()?.metrics.clockOffsetMs ?? 0),
    onChange: options.onChange,
    onSnapshotError: options.onSnapshotError,
    onReadNotice: options.onReadNotice,
    weightUsage: () => {
      const metrics = client()?.metrics;
      return metrics?.weightUsed != null && metrics.weightLimit ? metrics.weightUsed / metrics.weightLimit : null; // eslint-disable-line eqeqeq -- null or undefined
    },
    ...(options.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: options.refreshIntervalMs }),
  });
}
