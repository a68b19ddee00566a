/**
 * The profile dialog's own safeguards in a real browser, against the real vault: the plaintext
 * warning and opt-in without a key store, a PEM picked from a file and checked against its key type,
 * editing a profile without re-entering its API key or secret, a saved key staying bound to its
 * exchange (an edit or an edited file cannot move it), and where focus goes after a delete.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

test.describe('saved keys stay bound to their exchange', () => {
  test('changing the exchange or a URL of a saved profile needs its secret again; the form says so', async ({ app }) => {
    const { page, simulator, bridge, profiles } = app;
    const hedge = simulator.accounts.find((account) => account.name === 'hedge')!;
    const saved = profiles.saveProfile({
      name: 'Sim',
      environment: 'custom',
      keyType: 'HMAC',
      apiKey: hedge.apiKey,
      secret: hedge.secret,
      customUrls: simulator.urls,
      allowPlaintext: false,
    });
    await page.getByTestId('profile-button').click();
    await page.getByRole('button', { name: 'Edit Sim' }).click();
    const dialog = page.getByTestId('profile-dialog');
    await expect(dialog).toHaveAccessibleName('Edit Sim');

    // Another exchange: the form asks for the secret before anything is sent.
    await dialog.getByLabel('Exchange', { exact: true }).selectOption('testnet');
    await expect(dialog.getByLabel('API secret — needed again for the new exchange')).toBeVisible();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const secretError = dialog.getByTestId('error-secret');
    await expect(secretError).toContainText('Changing the exchange from custom URLs to Binance testnet');
    await expect(secretError).toContainText('needs the secret again');
    await expect(dialog.getByLabel(/^API secret/)).toBeFocused();
    expect(bridge.calls('saveProfile')).toEqual([]);

    // Back to custom, one URL pointed elsewhere: main refuses, next to the secret field, naming the URL.
    await dialog.getByLabel('Exchange', { exact: true }).selectOption('custom');
    await dialog.getByLabel('REST URL').fill('http://127.0.0.1:9');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(secretError).toContainText('Changing the REST URL (now http://127.0.0.1:9) sends the API key to another server');
    expect(bridge.calls('saveProfile')).toHaveLength(1);
    expect(profiles.listProfiles().profiles).toEqual([expect.objectContaining({ id: saved.id, customUrls: simulator.urls })]);

    // With the secret entered again, the move is saved.
    await dialog.getByLabel(/^API secret/).fill(hedge.secret);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('profile-saved')).toContainText('Saved Sim');
    expect(profiles.listProfiles().profiles[0]!.customUrls).toMatchObject({ rest: 'http://127.0.0.1:9' });
    expect(app.errors).toEqual([]);
  });

  test('a profiles file edited to point a key elsewhere does not unlock; the menu says what changed', async ({ app }) => {
    const { page, simulator, profiles, dataDir } = app;
    const hedge = simulator.accounts.find((account) => account.name === 'hedge')!;
    profiles.saveProfile({
      name: 'Sim',
      environment: 'custom',
      keyType: 'HMAC',
      apiKey: hedge.apiKey,
      secret: hedge.secret,
      customUrls: simulator.urls,
      allowPlaintext: false,
    });
    const file = join(dataDir, 'profiles.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Array<{ customUrls: Record<string, string> }> };
    doc.profiles[0]!.customUrls = { ...doc.profiles[0]!.customUrls, wsApi: 'wss://evil.example/ws-fapi/v1' };
    writeFileSync(file, JSON.stringify(doc));

    await page.getByTestId('profile-button').click();
    await page.getByTestId('profile-row-Sim').getByRole('button', { name: /^Sim/ }).click();
    await expect(page.getByTestId('profile-menu-error')).toContainText('changed outside PerpDesk');
    await expect(page.getByTestId('profile-menu-error')).toContainText('the WebSocket API URL (now wss://evil.example)');
    await expect(page.getByTestId('profile-button')).toContainText('Demo');
    expect(app.errors).toEqual([]);
  });
});

test('after a profile is deleted, focus lands on the profile in its place, then on "Add API key…"', async ({ app }) => {
  const { page, profiles } = app;
  for (const name of ['One', 'Two']) {
    profiles.saveProfile({
      name,
      environment: 'testnet',
      keyType: 'HMAC',
      apiKey: `${name}${'K'.repeat(61)}`,
      secret: 'S'.repeat(64),
      customUrls: null,
      allowPlaintext: false,
    });
  }
  await page.getByTestId('profile-button').click();
  const menu = page.getByTestId('profile-menu');
  await menu.getByRole('button', { name: 'Delete One' }).click();
  await expect(menu.getByRole('group', { name: 'Delete One?' }).getByRole('button', { name: 'Cancel' })).toBeFocused();
  await menu.getByRole('group', { name: 'Delete One?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('profile-row-One')).toHaveCount(0);
  await expect(page.getByTestId('profile-row-Two').getByRole('button', { name: /^Two/ })).toBeFocused();

  await menu.getByRole('button', { name: 'Delete Two' }).click();
  await menu.getByRole('group', { name: 'Delete Two?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(menu.getByText('No API keys yet')).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Add API key…' })).toBeFocused();
  expect(profiles.listProfiles().profiles).toEqual([]);
  expect(app.errors).toEqual([]);
});
