/** A Desk in demo mode against a simulator the test controls (and so can ask for the truth). */
import { Desk, type DeskOptions, type PushSink } from '../../electron/desk/desk';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/simulator';
import type { AppState } from '../../shared/ipc';
import type { PositionsPush } from '../../shared/positions-push';
import { simulatorDemoExchange } from './simulator-demo';

export interface DemoDesk {
  simulator: RunningSimulator;
  desk: Desk;
  /** Everything pushed to an attached receiver, in order. */
  pushes: Parameters<PushSink>[];
  state(): Promise<AppState>;
  close(): Promise<void>;
}

export async function startDemoDesk(
  options: SimulatorOptions = {},
  refreshIntervalMs = 5_000,
  deskOptions: Partial<DeskOptions> = {},
): Promise<DemoDesk> {
  const simulator = await startSimulator({ seed: 11, ...options });
  const desk = new Desk({
    startDemoExchange: () => Promise.resolve(simulatorDemoExchange(simulator)),
    refreshIntervalMs,
    ...deskOptions,
  });
  await desk.start();
  const pushes: Parameters<PushSink>[] = [];
  const detach = desk.attach((channel, payload) => {
    pushes.push([channel, payload]);
    // Acknowledge each positions version as a renderer does once applied: main sends the next only then.
    if (channel === 'positions') void desk.handlers.ackPositions((payload as PositionsPush).version);
  });
  return {
    simulator,
    desk,
    pushes,
    state: () => Promise.resolve(desk.handlers.getState()),
    close: async () => {
      detach();
      await desk.stop();
      await simulator.close();
    },
  };
}
