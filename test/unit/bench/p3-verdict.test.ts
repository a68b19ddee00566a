/** P3's frame verdict: on-time frames as the page clock reads them pass, one late frame's worth does not. */
import { describe, expect, it } from 'vitest';
import { p3PhasePass } from '../../../bench/p3-verdict';

const phase = (p95: number, longTasks = 0) => ({ longTasks, frameMs: { p95 } });

describe('P3 phase verdict', () => {
  it('passes frames that are on time at 60 Hz as the coarsened clock reads them', () => {
    for (const p95 of [16.6, 16.7, 16.8, 16.800000000000058]) expect(p3PhasePass(phase(p95)), String(p95)).toBe(true);
  });

  it('fails a p95 beyond one frame period, and any long task', () => {
    expect(p3PhasePass(phase(16.9))).toBe(false);
    expect(p3PhasePass(phase(33.3))).toBe(false);
    expect(p3PhasePass(phase(16.7, 1))).toBe(false);
  });
});
