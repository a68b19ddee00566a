/**
 * The profile flow the security tests share (browser and Electron): a profile saved through the UI
 * against a simulator on 127.0.0.1, tested, used, and left again for demo mode.
 */
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { RunningSimulator } from '../../electron/simulator';
import type { AppUnderTest } from './app-fixture';

const screenshots = 'test-results/screenshots';

/** The CSP tests provoke these console errors on purpose; anything else still fails the test. */
export function consumeCspErrors(app: AppUnderTest): string[] {
  const csp = app.errors.filter((error) => /Content Security Policy/.test(error));
  app.errors.splice(0, app.errors.length, ...app.errors.filter((error) => !/Content Security Policy/.test(error)));
  return csp;
}

/** The parts of the app the profile flow needs: the window, and a simulator on 127.0.0.1 to point the profile at. */
export interface FlowTarget {
  page: Page;
  simulator: RunningSimulator;
}

/**
 * Opens "Add API key…" and fills in a profile named Canary: custom URLs of the simulator, its
 * oneway account's real API key, and `canary` as the HMAC secret (so every signature is refused).
 * Does not save.
 */
export async function fillCanaryProfile({ page, simulator }: FlowTarget, canary: string): Promise<void> {
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-menu')).toBeVisible();
  await page.getByRole('button', { name: 'Add API key…' }).click();
  const dialog = page.getByTestId('profile-dialog');
  await expect(dialog).toHaveAccessibleName('Add an API key');
  await dialog.getByLabel('Profile name').fill('Canary');
  await dialog.getByLabel('Exchange').selectOption('custom');
  await dialog.getByLabel('WebSocket API URL').fill(simulator.urls.wsApi);
  await dialog.getByLabel('Market stream URL').fill(simulator.urls.market);
  await dialog.getByLabel('User data stream URL').fill(simulator.urls.private);
  await dialog.getByLabel('REST URL').fill(simulator.urls.rest);
  await dialog.getByRole('radio', { name: /^HMAC/ }).check();
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(onewayAccount(simulator).apiKey);
  await dialog.getByLabel('API secret').fill(canary);
}

/**
 * Saves the filled-in Canary profile, then: one signed request with it (the simulator refuses the
 * signature, in plain words), use it (the desk connects, fails authentication, and says so), and
 * back to demo through the menu. `saved` is how the dialog describes where the secret went.
 */
export async function saveTestUseAndLeave({ page, simulator }: FlowTarget, saved: RegExp = /secret encrypted by the OS key store/): Promise<void> {
  const dialog = page.getByTestId('profile-dialog');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Canary');
  await expect(dialog.getByTestId('profile-saved')).toContainText(saved);
  await expect(dialog).toHaveAccessibleName('Edit Canary');
  await expect(dialog.getByLabel('API secret')).toHaveValue('');
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/profile-saved.png` });

  await dialog.getByRole('button', { name: 'Test connection' }).click();
  // The canary is no secret of this key: the exchange refuses the signature, and the answer names the key type.
  await expect(dialog.getByTestId('test-result')).toHaveText(/^The exchange rejected the signature made with this HMAC secret: /);
  await dialog.getByRole('button', { name: 'Use this profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'auth-failed');
  await expect(page.getByTestId('profile-button')).toContainText('Canary');

  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-row-Canary')).toContainText(`key …${onewayAccount(simulator).apiKey.slice(-4)}`);
  await page.screenshot({ path: `${screenshots}/profile-menu.png` });
  await page.getByRole('button', { name: 'Back to demo' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('profile-button')).toContainText('Demo');
}

/** The whole flow with a key store: fill in, save, test, use, back to demo. */
export async function saveCanaryProfile(app: FlowTarget, canary: string): Promise<void> {
  await fillCanaryProfile(app, canary);
  await saveTestUseAndLeave(app);
}

function onewayAccount(simulator: RunningSimulator) {
  const account = simulator.accounts.find((candidate) => candidate.name === 'oneway');
  if (account === undefined) throw new Error('the simulator has no oneway account');
  return account;
}
