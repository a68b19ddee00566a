/**
 * The canary secret through the real glue (issue 6's checks, here with the built main and preload):
 * a distinctive secret saved through the profile dialog, tested, used and left; afterwards it is
 * found — as text, hex, base64, URL-encoded or UTF-16 — nowhere but in the one saveProfile call that
 * carried it in: not in any other IPC message either way, the page (DOM, storage), the log file or
 * the app's console output, or any file under the data folder (the stand-in's safeStorage keeps its
 * key outside it, as an OS key store would). The helpers are the browser canary's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startSimulator } from '../../electron/simulator';
import { filesUnder, leaksIn, makeCanary, pageContents } from '../e2e-browser/security-canary';
import { fillCanaryProfile, saveTestUseAndLeave } from '../e2e-browser/security-flow';
import { useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();

describe('canary secret', () => {
  test('a canary secret saved through the app is found nowhere but where it must be', { timeout: 120_000 }, async () => {
    const { userData } = glue.dirs();
    const simulator = await startSimulator({ seed: 11 });
    const canary = makeCanary();
    const app = glue.start();
    try {
      const page = await app.firstPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.getByTestId('demo-badge').waitFor();
      const listed = await page.evaluate(() => window.perpdesk!.listProfiles());
      expect(listed.ok && listed.value.keyStore).toBe('available');

      await fillCanaryProfile({ page, simulator }, canary);
      await saveTestUseAndLeave({ page, simulator });

      await page.getByTestId('profile-button').click();
      await page.getByTestId('profile-row-Canary').waitFor();
      const contents = await pageContents(page);
      expect(contents.dom).toContain('Canary');
      expect(leaksIn(JSON.stringify(contents), canary)).toEqual([]);
      await page.keyboard.press('Escape');

      const traffic = [...app.windows.values()].flatMap((window) => window.traffic);
      const carrying = traffic.filter((message) => leaksIn(message.payload, canary).length > 0);
      expect(carrying.map((message) => `${message.direction} ${message.channel}`)).toEqual(['invoke perpdesk:invoke:saveProfile']);
      expect(traffic.some((message) => message.direction === 'push')).toBe(true);
      expect(errors).toEqual([]);

      app.quit();
      expect((await app.waitForExit()).code).toBe(0);
    } finally {
      await simulator.close();
    }

    // Read once the app has exited and flushed everything.
    const files = filesUnder(userData);
    const stored = JSON.parse(readFileSync(join(userData, 'profiles.json'), 'utf8')) as { profiles: Array<{ name: string; secret: unknown }> };
    expect(stored.profiles.map((profile) => profile.name)).toEqual(['Canary']);
    expect(stored.profiles[0]?.secret).toMatchObject({ storage: 'os-keystore', ciphertext: expect.any(String) as unknown });
    expect(files.length).toBeGreaterThan(2);
    for (const [path, text] of files) expect(leaksIn(text, canary), path).toEqual([]);
    const logText = readFileSync(join(userData, 'logs', 'perpdesk.log'), 'utf8');
    expect(logText).toContain('profile saved: "Canary"');
    expect(leaksIn([logText, ...app.output].join('\n'), canary)).toEqual([]);
  });
});
