/**
 * The order of a start (DESIGN §10 P5): the window is created as soon as the app is ready, before
 * the desk has started (the page loads while the demo exchange and the client come up), and shown
 * only once the desk has started. Main's milestones are its own performance marks, forwarded by the
 * stand-in; the bench (bench/p5.ts) times them.
 */
import { describe, expect, test } from 'vitest';
import { START_MILESTONES, startMarkName } from '../../electron/start-marks';
import { useGlueFixture } from './glue-fixture';

const glue = useGlueFixture();

describe('the order of a start', () => {
  test('every milestone is marked once; the window comes right after ready, before the desk has started, and shows only after it', async () => {
    const app = glue.start();
    const page = await app.firstPage();
    await page.getByRole('table', { name: 'Positions' }).locator('[data-row-key]').first().waitFor();
    const marks = app.recorded('mark').filter((record) => String(record.name).startsWith('perpdesk:start:'));
    expect(marks.map((record) => record.name).sort()).toEqual(START_MILESTONES.map(startMarkName).sort());
    for (const record of marks) expect((record.detail as { cpuMs: number }).cpuMs).toBeGreaterThan(0);
    const index = (what: string, name?: string): number =>
      app.records.findIndex((record) => record.what === what && (name === undefined || record.name === startMarkName(name as never)));
    // Main's own marks are delivered in the order they were made; records of one process keep their order.
    const order = ['modules-loaded', 'ready', 'window-created', 'desk-started'].map((name) => index('mark', name));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The stand-in's own view agrees: the privileged scheme before ready, the window before it is shown.
    expect(index('privilegedSchemes')).toBeLessThan(index('ready'));
    expect(index('window')).toBeLessThan(index('window-show'));
    // The window waits for the desk before it is shown; the process started before any of it.
    expect(index('mark', 'desk-started')).toBeLessThan(index('window-show'));
    const started = app.recorded('process-start')[0]?.at as number;
    expect(marks.every((record) => (record.at as number) >= started)).toBe(true);
    expect(app.violations).toEqual([]);
  });
});
