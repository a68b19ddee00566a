/**
 * The real app through Playwright's Electron driver, in demo mode. Runs wherever an Electron binary
 * exists; where none does (machines without internet, like CI here) it is skipped with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinaryOrSkip, projectRoot } from './electron-guard';

const binary = electronBinaryOrSkip('app.spec.ts');

test('the app opens in demo mode and shows live positions with mark and liquidation prices', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'perpdesk-e2e-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [projectRoot],
    env: { ...process.env, PERPDESK_USER_DATA: userData },
  });
  try {
    const page = await app.firstWindow();
    // Served from the app's own origin (electron/protocol.ts), never file://.
    await expect(page).toHaveURL('app://perpdesk/index.html');
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
