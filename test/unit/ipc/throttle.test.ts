import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeadingThrottle } from '../../../electron/ipc/throttle';

describe('LeadingThrottle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first change at once and merges the rest of the interval into one trailing run', () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const throttle = new LeadingThrottle(100, () => runs.push(Date.now()), () => Date.now());
    const start = Date.now();
    throttle.notify();
    expect(runs).toEqual([start]);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(1);
      throttle.notify();
    }
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(runs).toEqual([start, start + 100]);
  });

  it('never exceeds one run per interval under a flood (≤ 60 pushes/s at 16.7 ms)', () => {
    vi.useFakeTimers();
    let runs = 0;
    const throttle = new LeadingThrottle(1000 / 60, () => runs++, () => Date.now());
    for (let ms = 0; ms < 1000; ms++) {
      for (let i = 0; i < 5; i++) throttle.notify();
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(50);
    expect(runs).toBeGreaterThanOrEqual(50);
    expect(runs).toBeLessThanOrEqual(60);
  });

  it('cancel drops the trailing run', () => {
    vi.useFakeTimers();
    let runs = 0;
    const throttle = new LeadingThrottle(100, () => runs++, () => Date.now());
    throttle.notify();
    throttle.notify();
    throttle.cancel();
    vi.advanceTimersByTime(500);
    expect(runs).toBe(1);
  });
});

describe('LeadingThrottle, a run that notifies or outlasts the interval', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a change notified during a run waits a whole interval after the run ends, however long the run took', () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    let notifyInside = 2;
    const throttle = new LeadingThrottle(
      100,
      () => {
        runs.push(Date.now());
        vi.setSystemTime(Date.now() + 150); // this run takes longer than the interval
        if (notifyInside-- > 0) throttle.notify();
      },
      () => Date.now(),
    );
    const start = Date.now();
    throttle.notify();
    expect(runs).toEqual([start]); // not run again from inside itself
    vi.advanceTimersByTime(99);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start, start + 250]);
    vi.advanceTimersByTime(250);
    expect(runs).toEqual([start, start + 250, start + 500]);
  });
});
