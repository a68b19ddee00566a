/**
 * The two P1 consumers, fed the same frames by the blaster over a real loopback socket:
 * - floor: a bare `ws` client doing JSON.parse + Map.set per frame — the least any consumer does;
 * - engine: PerpDesk's real path — MarkPriceStream (ws, frame decode — plain mark frames read from
 *   the text without JSON.parse, electron/exchange/mark-frame.ts — hand-written validation)
 *   → PositionEngine.tick (ticks batched per socket read, reducer applyMarkPrices + derive) with N
 *   open positions loaded.
 * Each measures process CPU time (user + system) and wall time from the first frame to the last.
 */
import WebSocket from 'ws';
import { MarkPriceStream } from '../../electron/exchange/market-stream';
import { MAX_FRAME_BYTES } from '../../electron/exchange/socket';
import { loadedEngine, symbolName } from '../positions';

export interface RunResult {
  frames: number;
  cpuUsPerFrame: number;
  framesPerSecond: number;
  badFrames: number;
}

/** A run that has not finished by then is broken (lost frames): fail it rather than hang the bench. */
const RUN_TIMEOUT_MS = 60_000;

/** Starts the clock at the first frame and stops it at the `frames`-th. */
class Meter {
  private count = 0;
  private cpu: NodeJS.CpuUsage | null = null;
  private wall = 0;
  private readonly timer: NodeJS.Timeout;
  badFrames = 0;

  constructor(
    private readonly frames: number,
    private readonly finish: (result: RunResult) => void,
    fail: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => fail(new Error(`only ${this.count} of ${frames} frames arrived within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
  }

  /** Call once per frame, after handling it. */
  frame(): void {
    if (this.count === 0) {
      this.cpu = process.cpuUsage();
      this.wall = performance.now();
    }
    this.count++;
    if (this.count !== this.frames) return;
    clearTimeout(this.timer);
    // The engine applies a socket read's ticks in a microtask queued before this one: stop after it.
    queueMicrotask(() => this.stop());
  }

  private stop(): void {
    const cpu = process.cpuUsage(this.cpu ?? undefined);
    const seconds = (performance.now() - this.wall) / 1000;
    // The first frame started the clock: frames - 1 intervals were measured.
    const measured = this.frames - 1;
    this.finish({
      frames: measured,
      cpuUsPerFrame: (cpu.user + cpu.system) / measured,
      framesPerSecond: measured / seconds,
      badFrames: this.badFrames,
    });
  }
}

/** The floor: `ws` + JSON.parse + Map.set. */
export function runFloor(base: string, frames: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/stream?streams=`, { perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });
    const latest = new Map<string, unknown>();
    const meter = new Meter(
      frames,
      (result) => {
        socket.terminate();
        resolve(result);
      },
      (error) => {
        socket.terminate();
        reject(error);
      },
    );
    socket.on('open', () => socket.send('{"method":"SUBSCRIBE","params":[],"id":1}'));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { data: { s: string } };
      latest.set(frame.data.s, frame.data);
      meter.frame();
    });
    socket.on('error', reject);
  });
}

/** PerpDesk's path: MarkPriceStream → PositionEngine.tick, N open positions. */
export async function runEngine(base: string, symbols: number, frames: number): Promise<RunResult> {
  const engine = await loadedEngine(symbols);
  return new Promise((resolve, reject) => {
    let stream: MarkPriceStream | null = null;
    const meter = new Meter(
      frames,
      (result) => {
        stream?.close();
        // The engine really did the work: every row carries a mark from the stream.
        if (engine.view().rows.some((row) => row.markAt === null)) reject(new Error('ticks did not reach every row'));
        else resolve(result);
      },
      (error) => {
        stream?.close();
        reject(error);
      },
    );
    MarkPriceStream.connect(base, {
      onTick: (tick) => {
        engine.tick(tick);
        meter.frame();
      },
      onBadFrame: () => meter.badFrames++,
    }).then((opened) => {
      stream = opened;
      opened.follow(Array.from({ length: symbols }, (_, index) => symbolName(index)));
    }, reject);
  });
}
