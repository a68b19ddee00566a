/**
 * The milestones of a start, as performance marks (`perpdesk:start:<milestone>`) carrying this
 * process's CPU time so far: what a profiler, the glue harness and the P5 bench (bench/p5.ts) read to
 * see where a start goes, in wall time and in CPU time (on a loaded machine the second says more).
 * A mark costs a few microseconds and is made once per milestone.
 */

/** Every milestone main marks, in the order a normal start reaches them. */
export const START_MILESTONES = ['modules-loaded', 'ready', 'window-created', 'demo-exchange-up', 'desk-started'] as const;
export type StartMilestone = (typeof START_MILESTONES)[number];

/** The performance mark name of a milestone. */
export function startMarkName(milestone: StartMilestone): string {
  return `perpdesk:start:${milestone}`;
}

/** The detail each mark carries: this process's CPU time (user + system, all threads) so far, in ms. */
export interface StartMarkDetail {
  cpuMs: number;
}

/** Marks a milestone now. */
export function markStart(milestone: StartMilestone): void {
  const cpu = process.cpuUsage();
  const detail: StartMarkDetail = { cpuMs: (cpu.user + cpu.system) / 1000 };
  performance.mark(startMarkName(milestone), { detail });
}
