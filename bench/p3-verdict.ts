/** P3's verdict (DESIGN §10): its targets and how a phase's frames are judged against them. */

export const P3_TARGETS = { longTasks: 0, p95FrameMs: 16.7 } as const;

/**
 * The page clock's resolution: Chromium coarsens `performance.now()` (and so rAF timestamps) to
 * 0.1 ms, so a frame that is exactly on time at 60 Hz (16.67 ms) reads 16.6, 16.7 or 16.8. An
 * interval within the target plus this resolution is one frame, not a late one.
 */
export const FRAME_CLOCK_RESOLUTION_MS = 0.1;

/** Slack for floating point: intervals are differences of coarsened times, read e.g. 16.800000000000058. */
const FLOAT_SLACK_MS = 1e-6;

/** Whether a phase met P3: no long task, and its p95 frame one frame period (to the clock's resolution). */
export function p3PhasePass(phase: { longTasks: number; frameMs: { p95: number } }): boolean {
  return phase.longTasks <= P3_TARGETS.longTasks && phase.frameMs.p95 <= P3_TARGETS.p95FrameMs + FRAME_CLOCK_RESOLUTION_MS + FLOAT_SLACK_MS;
}
