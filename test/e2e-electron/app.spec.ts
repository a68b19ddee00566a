/**
 * The real app through Playwright's Electron driver, in demo mode. Runs wherever an Electron binary
 * exists; where none does (machines without internet, like CI here) it is skipped with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = join(import.meta.dirname, '..', '..');
const binary = electronBinary(root);

const SKIP_REASON =
  'No Electron binary on this machine (node_modules/electron/path.txt or ELECTRON_OVERRIDE_DIST_PATH): the Electron runtime cannot be downloaded here.';
if (binary === null) console.log(`e2e-electron skipped: ${SKIP_REASON}`);
test.skip(binary === null, SKIP_REASON); // the Electron binary guard: the only allowed skip

test('the app opens in demo mode and shows live positions with mark and liquidation prices', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'perpdesk-e2e-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, PERPDESK_USER_DATA: userData },
  });
  try {
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    const rows = page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]');
    await expect(rows.first()).toBeVisible();
    await expect(rows.first().locator('[data-col="mark"]')).toHaveText(/\d/);
    await page.getByTestId('demo-account-hedge').click();
    await expect(page.locator('[data-row-key$=":SHORT"]').first()).toBeVisible();
    const isolated = await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await app.close();
  }
});
