/**
 * The profile dialog's own safeguards in a real browser, against the real vault: the plaintext
 * warning and opt-in without a key store, a PEM picked from a file and checked against its key type,
 * and editing a profile without re-entering its API key or secret.
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from './app-fixture';

test.describe('without an OS key store', () => {
  test.use({ keyStore: 'unavailable' });

  test('the dialog warns, refuses without the explicit opt-in, and marks the profile unencrypted', async ({ app }) => {
    const { page } = app;
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-menu')).toContainText('No OS key store');
    await page.getByRole('button', { name: 'Add API key…' }).click();
    const dialog = page.getByTestId('profile-dialog');
    await expect(dialog.getByTestId('plaintext-warning')).toContainText('any program running as you can read');
    await dialog.getByLabel('Profile name').fill('Plain');
    await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill('K'.repeat(64));
    await dialog.getByLabel('API secret').fill('S'.repeat(64));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('error-plaintext')).toBeVisible();
    expect(app.bridge.calls('saveProfile')).toEqual([]);

    await dialog.getByRole('checkbox', { name: /Store the secret unencrypted/ }).check();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('profile-saved')).toContainText('secret stored unencrypted');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('profile-button')).toBeFocused();
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-row-Plain')).toContainText('unencrypted');
    expect(app.profiles.listProfiles().profiles[0]).toMatchObject({ name: 'Plain', secretStorage: 'plaintext-opt-in' });
    expect(app.errors).toEqual([]);
  });
});

test('a PEM chosen from a file: a key of the wrong type is refused inline, the right one saved and cleared', async ({ app }) => {
  const { page } = app;
  const pem = (type: 'ed25519' | 'rsa') =>
    Buffer.from(
      (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519')).privateKey
        .export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    );
  await page.getByTestId('profile-button').click();
  await page.getByRole('button', { name: 'Add API key…' }).click();
  const dialog = page.getByTestId('profile-dialog');
  await dialog.getByLabel('Profile name').fill('Ed key');
  await dialog.getByRole('radio', { name: /^Ed25519/ }).check();
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill('E'.repeat(64));
  const secret = dialog.getByLabel('Private key (PEM)');
  await dialog.getByLabel('Choose key file…').setInputFiles({ name: 'rsa.pem', mimeType: 'text/plain', buffer: pem('rsa') });
  await expect(dialog.getByText('Loaded rsa.pem.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('error-secret')).toHaveText(/This is an RSA key, not an Ed25519 key/);
  await expect(secret).toHaveAttribute('aria-invalid', 'true');
  await expect(secret).toBeFocused();

  await dialog.getByLabel('Choose key file…').setInputFiles({ name: 'ed.pem', mimeType: 'text/plain', buffer: pem('ed25519') });
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Ed key');
  await expect(secret).toHaveValue('');
  expect(app.profiles.listProfiles().profiles).toEqual([expect.objectContaining({ name: 'Ed key', keyType: 'ED25519' })]);
  expect(app.errors).toEqual([]);
});

test('editing a profile keeps its API key and secret when left empty; a new key type needs its own key', async ({ app }) => {
  const { page, simulator, bridge, profiles } = app;
  const hedge = simulator.accounts.find((account) => account.name === 'hedge')!;
  await page.getByTestId('profile-button').click();
  await page.getByRole('button', { name: 'Add API key…' }).click();
  const dialog = page.getByTestId('profile-dialog');
  await dialog.getByLabel('Profile name').fill('Sim');
  await dialog.getByLabel('Exchange').selectOption('custom');
  await dialog.getByLabel('WebSocket API URL').fill(simulator.urls.wsApi);
  await dialog.getByLabel('Market stream URL').fill(simulator.urls.market);
  await dialog.getByLabel('User data stream URL').fill(simulator.urls.private);
  await dialog.getByLabel('REST URL').fill(simulator.urls.rest);
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(hedge.apiKey);
  await dialog.getByLabel('API secret').fill(hedge.secret);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Sim');
  await page.keyboard.press('Escape');

  // Edit: the dialog shows the key's tail and says empty keeps; nothing else of the key or secret.
  await page.getByTestId('profile-button').click();
  await page.getByRole('button', { name: 'Edit Sim' }).click();
  await expect(dialog).toHaveAccessibleName('Edit Sim');
  const apiKey = dialog.getByRole('textbox', { name: /^API key — leave empty to keep the stored one$/ });
  await expect(apiKey).toHaveValue('');
  await expect(apiKey).toHaveAttribute('placeholder', `ends with …${hedge.apiKey.slice(-4)}`);
  await expect(dialog.getByLabel('API secret — leave empty to keep the stored one')).toHaveValue('');

  // A key type the stored HMAC secret cannot serve: refused before anything is sent.
  await dialog.getByRole('radio', { name: /^Ed25519/ }).check();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('error-secret')).toContainText('The stored secret belongs to the HMAC key type');
  expect(bridge.calls('saveProfile')).toHaveLength(1);

  // Back to HMAC, renamed, key and secret left empty: saved without them, and the profile still connects.
  await dialog.getByRole('radio', { name: /^HMAC/ }).check();
  await dialog.getByLabel('Profile name').fill('Sim renamed');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('profile-saved')).toContainText(`Saved Sim renamed (key …${hedge.apiKey.slice(-4)}`);
  const sent = bridge.calls('saveProfile').at(-1)![0] as Record<string, unknown>;
  expect(sent).toMatchObject({ name: 'Sim renamed', keyType: 'HMAC' });
  expect(Object.keys(sent)).not.toContain('apiKey');
  expect(Object.keys(sent)).not.toContain('secret');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('test-result')).toHaveClass(/test-ok/);

  // A new HMAC API key without its secret: main refuses, next to the secret field; nothing changes.
  await dialog.getByRole('textbox', { name: /^API key/ }).fill('N'.repeat(64));
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('error-secret')).toContainText('An HMAC secret belongs to the API key it was issued with');
  expect(profiles.listProfiles().profiles).toEqual([
    expect.objectContaining({ name: 'Sim renamed', keyType: 'HMAC', apiKeyTail: hedge.apiKey.slice(-4) }),
  ]);
  expect(app.errors).toEqual([]);
});
