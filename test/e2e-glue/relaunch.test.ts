/**
 * What the app keeps between runs, through the real glue: a profile saved in one run (its secret
 * encrypted by safeStorage) is decrypted and reconnected to on the next launch, and the settings
 * file carries the user's choices over.
 */
import type { Page } from '@playwright/test';
import { describe, expect, test } from 'vitest';
import { startSimulator } from '../../electron/simulator';
import { until, useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();

async function connection(page: Page) {
  const state = await page.evaluate(() => window.perpdesk!.getState());
  if (!state.ok) throw new Error(state.error.message);
  return { connection: state.value.connection, settings: state.value.settings };
}

describe('relaunch', () => {
  test('the active profile is unlocked and reconnected on the next launch, with the settings kept', async () => {
    const simulator = await startSimulator({ seed: 5 });
    try {
      const account = simulator.accounts.find((candidate) => candidate.name === 'oneway')!;
      const first = glue.start();
      const page = await first.firstPage();
      await page.getByTestId('demo-badge').waitFor();
      const saved = await page.evaluate(
        ({ apiKey, secret, urls }) =>
          window.perpdesk!.saveProfile({ name: 'Sim oneway', environment: 'custom', keyType: 'HMAC', apiKey, secret, customUrls: urls, allowPlaintext: false }),
        { apiKey: account.apiKey, secret: account.secret, urls: simulator.urls },
      );
      if (!saved.ok) throw new Error(saved.error.message);
      expect((await page.evaluate((id) => window.perpdesk!.activateProfile(id), saved.value.id)).ok).toBe(true);
      expect((await page.evaluate(() => window.perpdesk!.setAlertThreshold(7))).ok).toBe(true);
      await until(async () => (await connection(page)).connection.state === 'live', 'the profile live');
      first.quit();
      expect((await first.waitForExit()).code).toBe(0);

      const second = glue.start();
      const again = await second.firstPage();
      await until(async () => (await connection(again)).connection.state === 'live', 'the profile live again');
      const { connection: status, settings } = await connection(again);
      expect(status).toMatchObject({ environment: 'custom', profileName: 'Sim oneway', state: 'live' });
      expect(settings.alertThresholdPct).toBe(7);
      expect(second.violations).toEqual([]);
    } finally {
      await simulator.close();
    }
  });
});
