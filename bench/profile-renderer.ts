/**
 * Where the renderer's time goes, for bench/PROFILE.md: the built renderer in Chromium through the
 * real desk (browser/live-desk.ts) with N positions marking at `hz`, optionally scrolling, profiled
 * by the page's own V8 sampling profiler (CDP `Profiler`), self time summed per function.
 *
 *   npx tsx bench/profile-renderer.ts <positions> <hz> <seconds> [scroll]
 */
import { launchChromium } from './browser/launch';
import { startLiveDesk } from './browser/live-desk';

/** The parts of a CDP `Profiler.Profile` summed here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}

const [positions = 500, hz = 10, seconds = 8] = process.argv.slice(2, 5).map(Number);
const scroll = process.argv[5] === 'scroll';
const browser = await launchChromium();
const live = await startLiveDesk(browser, { positions, markIntervalMs: Math.round(1000 / hz), activity: positions <= 20 });
await new Promise((resolve) => setTimeout(resolve, 3_000));
const session = await live.page.context().newCDPSession(live.page);
await session.send('Profiler.enable');
await session.send('Profiler.setSamplingInterval', { interval: 500 });
await session.send('Profiler.start');
if (scroll) {
  await live.page.evaluate((ms) => {
    const scroller = document.querySelector('.positions-scroll');
    let direction = 1;
    const started = performance.now();
    const frame = (now: number): void => {
      if (scroller !== null) {
        const max = scroller.scrollHeight - scroller.clientHeight;
        if ((direction > 0 && scroller.scrollTop >= max - 1) || (direction < 0 && scroller.scrollTop <= 0)) direction = -direction;
        scroller.scrollTop += 40 * direction;
      }
      if (now - started < ms) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, seconds * 1000);
}
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
await live.close();
await browser.close();

const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const deltas = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, index) => {
  const node = byId.get(id);
  if (node === undefined) return;
  const frame = node.callFrame;
  const file = frame.url.split('/').pop() ?? '';
  const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
  self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`renderer profile: ${positions} positions × ${hz} Hz${scroll ? ', scrolling' : ''}, ${seconds} s, ${total.toFixed(0)} ms sampled\n`);
for (const [key, msSelf] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  process.stdout.write(`${((100 * msSelf) / total).toFixed(1).padStart(5)} %  ${msSelf.toFixed(0).padStart(6)} ms  ${key}\n`);
}
process.exit(0);
