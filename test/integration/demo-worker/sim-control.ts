/** The simulator's control endpoint (`POST /__sim`), served by the worker when started with control on. */
import type { V1PositionRow } from '../../../electron/simulator';
import type { DemoAccount } from '../../../shared/connection';

/** The control token the demo-worker tests start their simulator with (`simulator.controlToken`). */
export const TEST_CONTROL_TOKEN = 'demo-worker-test-control-token-0123456789';

export async function simControl(rest: string, command: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${rest}/__sim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_CONTROL_TOKEN}` },
    body: JSON.stringify(command),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`control ${String(command.command)} failed: ${JSON.stringify(body)}`);
  return body;
}

/** The exchange's open positions of an account (v1 rows, flat ones left out), sorted like the desk's view. */
export async function openTruth(rest: string, account: DemoAccount): Promise<V1PositionRow[]> {
  const { rows } = (await simControl(rest, { command: 'truth', account })) as { rows: V1PositionRow[] };
  return rows
    .filter((row) => Number(row.positionAmt) !== 0)
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || (a.positionSide === 'LONG' ? -1 : 1));
}
