/**
 * Issue 15: the symbol list as one message vs the pages `listSymbols(page)` serves today. For ~700
 * symbols (Binance USDⓈ-M lists about that many) and 5,000 (a generous ceiling): structured clone
 * (`v8.serialize`, what Electron's IPC runs in main) and `v8.deserialize` (what the renderer runs)
 * of the whole list and of its pages as main cuts them (`pagesWithin`, 48 KB each), JSON bytes, and
 * how many invoke round trips the renderer makes to read it. CPU per read, medians of 30 reads.
 * `npx tsx bench/symbols-message.ts`; prints a Markdown table (for bench/PROFILE.md).
 */
import { loadavg } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { pagesWithin } from '../electron/ipc/payload-bounds';
import { payloadBytes } from '../shared/payload-size';
import type { SymbolInfo } from '../shared/symbols';
import { median } from './stats';

/** A symbol as exchangeInfo gives it (name lengths and decimals as on Binance). */
function symbolInfo(i: number): SymbolInfo {
  const base = `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}${i.toString(36).toUpperCase()}`;
  return {
    symbol: `${base}USDT`,
    baseAsset: base,
    quoteAsset: 'USDT',
    marginAsset: i % 9 === 0 ? 'USDC' : 'USDT',
    contractType: 'PERPETUAL',
    status: 'TRADING',
    tickSize: ['0.10', '0.010', '0.0001000', '0.00000100'][i % 4]!,
    stepSize: ['0.001', '1', '0.1'][i % 3]!,
  };
}

/** CPU µs to clone `messages` in main and read them in the renderer, median of `reads` reads. */
function cloneUs(messages: readonly unknown[], reads = 30): { serialize: number; deserialize: number; bytes: number } {
  const out: number[] = [];
  const back: number[] = [];
  let bytes = 0;
  for (let read = 0; read < reads + 5; read++) {
    const started = performance.now();
    const buffers = messages.map((message) => serialize(message));
    const cloned = performance.now();
    for (const buffer of buffers) deserialize(buffer);
    const done = performance.now();
    bytes = buffers.reduce((total, buffer) => total + buffer.length, 0);
    if (read < 5) continue; // warm-up
    out.push((cloned - started) * 1000);
    back.push((done - cloned) * 1000);
  }
  return { serialize: median(out), deserialize: median(back), bytes };
}

const rows: string[] = [
  `load average ${loadavg()[0]!.toFixed(2)} on this machine's cores`,
  '',
  '| symbols | scheme | messages (round trips) | clone bytes in all | largest message JSON | main serialise µs | renderer deserialise µs |',
  '|---|---|---|---|---|---|---|',
];
for (const count of [700, 5_000]) {
  const list = Array.from({ length: count }, (_, i) => symbolInfo(i));
  const pages = pagesWithin(list).map((symbols, page, all) => ({ symbols, page, pages: all.length, revision: 1 }));
  const whole = cloneUs([{ ok: true, value: list }]);
  const paged = cloneUs(pages.map((page) => ({ ok: true, value: page })));
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  rows.push(`| ${count.toLocaleString('en-US')} | one message | 1 | ${kb(whole.bytes)} | ${kb(payloadBytes(list))} | ${whole.serialize.toFixed(0)} | ${whole.deserialize.toFixed(0)} |`);
  rows.push(
    `| ${count.toLocaleString('en-US')} | pages (48 KB) | ${pages.length} | ${kb(paged.bytes)} | ${kb(Math.max(...pages.map((page) => payloadBytes(page))))} | ${paged.serialize.toFixed(0)} | ${paged.deserialize.toFixed(0)} |`,
  );
}
process.stdout.write(`${rows.join('\n')}\n`);
