/**
 * The profile flow the browser security tests share: a profile saved through the UI against the
 * fixture's simulator, tested, used, and left again for demo mode.
 */
import { mkdirSync } from 'node:fs';
import { expect, type AppUnderTest } from './app-fixture';

const screenshots = 'test-results/screenshots';

/** The CSP tests provoke these console errors on purpose; anything else still fails the test. */
export function consumeCspErrors(app: AppUnderTest): string[] {
  const csp = app.errors.filter((error) => /Content Security Policy/.test(error));
  app.errors.splice(0, app.errors.length, ...app.errors.filter((error) => !/Content Security Policy/.test(error)));
  return csp;
}

/** Saves a profile named Canary with `canary` as its HMAC secret, tests it, uses it, and returns to demo. */
export async function saveCanaryProfile(app: AppUnderTest, canary: string): Promise<void> {
  const { page, simulator } = app;
  const oneway = simulator.accounts.find((account) => account.name === 'oneway')!;
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
  // The simulator's real key with the canary as its secret: every signature will be refused.
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(oneway.apiKey);
  await dialog.getByLabel('API secret').fill(canary);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Canary');
  await expect(dialog).toHaveAccessibleName('Edit Canary');
  await expect(dialog.getByLabel('API secret')).toHaveValue('');
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/profile-saved.png` });

  // One signed request with the canary: the simulator refuses the signature, in plain words.
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('test-result')).toHaveText(
    'The exchange rejected the request signature: check the API secret and the key type.',
  );
  // Use it: the desk connects with it, fails authentication, and says so.
  await dialog.getByRole('button', { name: 'Use this profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'auth-failed');
  await expect(page.getByTestId('profile-button')).toContainText('Canary');

  // Back to demo through the menu.
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-row-Canary')).toContainText(`key …${oneway.apiKey.slice(-4)}`);
  await page.screenshot({ path: `${screenshots}/profile-menu.png` });
  await page.getByRole('button', { name: 'Back to demo' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('profile-button')).toContainText('Demo');
}
