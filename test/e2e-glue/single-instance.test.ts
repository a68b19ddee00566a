/**
 * A second PerpDesk focuses the first (main.ts): the second process hands over to the first through
 * the single-instance lock and exits by itself with code 0, without opening a window or starting a
 * second simulator; the first restores its minimised window and focuses it.
 */
import { describe, expect, test } from 'vitest';
import { until, useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();

describe('single instance', () => {
  test('a second instance focuses the first and exits', async () => {
    const first = glue.start();
    const page = await first.firstPage();
    await page.getByTestId('demo-badge').waitFor();
    const [window] = first.windows.values();
    // The user minimises the window, then starts PerpDesk again.
    first.minimize(window!.windowId);
    await until(() => first.recorded('window-minimize').length === 1, 'the window minimised');

    const second = glue.start();
    const exit = await second.waitForExit();
    expect(exit).toEqual({ code: 0, signal: null, appExitCode: 0 });
    expect(second.recorded('singleInstanceLock')).toEqual([{ what: 'singleInstanceLock', owner: false }]);
    expect(second.recorded('ready')).toEqual([]); // it never got as far as starting anything
    expect(second.windows.size).toBe(0);

    await until(() => first.recorded('window-focus').length === 1, 'the first window focused');
    const states = first.records.filter((record) => /^window-(minimize|restore|focus)$/.test(record.what)).map((record) => record.what);
    expect(states).toEqual(['window-minimize', 'window-restore', 'window-focus']);
    // The first instance is unharmed: still live.
    await page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first().waitFor();
    expect(first.violations).toEqual([]);
  });
});
