/**
 * Profiles P1's engine path alone, for finding where its time goes:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/perpdesk-profile --import tsx bench/profile-p1.ts [symbols] [frames]
 *   node --import tsx bench/profile-summary.ts /tmp/perpdesk-profile/<file>.cpuprofile
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runEngine } from './p1/consumers';

const symbols = Number(process.argv[2] ?? '100');
const frames = Number(process.argv[3] ?? '100000');
const script = fileURLToPath(new URL('./p1/blaster.ts', import.meta.url));
// The blaster runs without the profiler: only this process is profiled.
const child = spawn(process.execPath, ['--import', 'tsx', script, `${symbols}:${frames}`], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_OPTIONS: '' },
});
const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const base = `ws://127.0.0.1:${(JSON.parse(line) as { port: number }).port}/n${symbols}`;
for (let run = 0; run < 3; run++) {
  const result = await runEngine(base, symbols, frames);
  process.stdout.write(`run ${run + 1}: ${result.cpuUsPerFrame.toFixed(2)} µs/frame, ${Math.round(result.framesPerSecond)} frames/s\n`);
}
child.kill('SIGTERM');
