/**
 * The test bridge's socket carrier (test/support/bridge-socket.ts), which the bench's browser
 * figures run on: the same app, fed and answered over a WebSocket instead of the DevTools protocol.
 * These are the journey's checks that depend on the carrier: live rows, live marks, invoke calls
 * answered, and one positions version in flight until the page acknowledges it.
 */
import { expect, test } from './app-fixture';
import type { Locator } from '@playwright/test';

// The page's CSP refuses connections; Electron's IPC, which the socket stands in for, is not subject to it.
test.use({ carrier: 'socket', bypassCSP: true });

const cell = (row: Locator, column: string): Locator => row.locator(`[data-col="${column}"]`);

test('over the socket carrier the table shows live positions whose marks move', async ({ app }) => {
  const rows = app.page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(app.simulator.truth('oneway').filter((row) => Number(row.positionAmt) !== 0).length);
  const mark = cell(rows.first(), 'mark');
  await expect(mark).toHaveText(/\d/);
  const before = await mark.textContent();
  await expect.poll(() => mark.textContent(), { timeout: 3_000, intervals: [100] }).not.toBe(before);
});

test('over the socket carrier invoke calls are answered and every version waits for its ack', async ({ app }) => {
  const rows = app.page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]');
  await expect(rows.first()).toBeVisible();
  await expect.poll(() => app.bridge.calls('ackPositions').length, { timeout: 3_000, intervals: [100] }).toBeGreaterThan(1);
  const results = app.bridge.records.filter((record) => record.direction === 'result' && record.channel === 'getState');
  expect(results.length).toBeGreaterThan(0);
  expect(results[0]!.payload).toMatchObject({ ok: true });
  let unacknowledged = 0;
  for (const record of app.bridge.records) {
    if (record.direction === 'invoke' && record.channel === 'ackPositions') unacknowledged = 0;
    // Deltas only: a resync (the page asking for the state) sends a full view without waiting, by design.
    else if (record.direction === 'push' && record.channel === 'positions' && (record.payload as { kind: string }).kind === 'delta') {
      expect(++unacknowledged).toBeLessThanOrEqual(1);
    }
  }
});
