/**
 * Funding intervals per symbol over the wire (PROTOCOL §13.10): the mark stream's `T` and
 * premiumIndex's `nextFundingTime` follow each symbol's interval, and `GET /fapi/v1/fundingInfo`
 * lists the symbols whose interval is not the default.
 */
import { describe, expect, it } from 'vitest';
import { liveSimulators } from './live-helpers';
import { signedJson } from './rest-signing';

const start = liveSimulators();
const NOW = Date.UTC(2026, 0, 15, 9, 0, 30);

describe('funding per symbol', () => {
  it('the mark stream\'s T is each symbol\'s own next funding time (1 h, 4 h, 8 h)', async () => {
    const { sim, open } = await start({ now: () => NOW, markIntervalMs: 20 });
    const streams = ['btcusdt@markPrice@1s', 'suiusdt@markPrice@1s', '币安人生usdt@markPrice@1s'];
    const peer = await open(`${sim.urls.market}/stream?streams=${encodeURIComponent(streams.join('/'))}`);
    const next = async (stream: string) => (await peer.take<{ stream: string; data: { T: number; r: string } }>((m) => m.stream === stream)).data;
    expect((await next(streams[0]!)).T).toBe(Date.UTC(2026, 0, 15, 16));
    expect((await next(streams[1]!)).T).toBe(Date.UTC(2026, 0, 15, 12));
    const hourly = await next(streams[2]!);
    expect(hourly.T).toBe(Date.UTC(2026, 0, 15, 10));
    expect(hourly.r).toBe('0.00005000');
  });

  it('premiumIndex agrees; fundingInfo lists only the adjusted symbols, weight 0', async () => {
    const { sim } = await start({ now: () => NOW });
    const index = (await (await fetch(`${sim.urls.rest}/fapi/v1/premiumIndex`)).json()) as { symbol: string; nextFundingTime: number }[];
    const nextOf = (symbol: string) => index.find((e) => e.symbol === symbol)!.nextFundingTime;
    expect([nextOf('BTCUSDT'), nextOf('SUIUSDT'), nextOf('币安人生USDT')]).toEqual([
      Date.UTC(2026, 0, 15, 16), Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 0, 15, 10),
    ]);
    const response = await fetch(`${sim.urls.rest}/fapi/v1/fundingInfo`);
    const used = Number(response.headers.get('x-mbx-used-weight-1m'));
    const info = (await response.json()) as Record<string, unknown>[];
    expect(info).toEqual([
      { symbol: 'SUIUSDT', adjustedFundingRateCap: '0.02000000', adjustedFundingRateFloor: '-0.02000000', fundingIntervalHours: 4, disclaimer: false },
      { symbol: '币安人生USDT', adjustedFundingRateCap: '0.03000000', adjustedFundingRateFloor: '-0.03000000', fundingIntervalHours: 1, disclaimer: false },
    ]);
    // The WS API handshake (5) and premiumIndex without a symbol (10); fundingInfo adds nothing.
    expect(used).toBe(15);
  });

  it('r is each symbol\'s own rate — varied, some negative — and exactly what a funding round charges', async () => {
    const { sim, open } = await start({ now: () => NOW, markIntervalMs: 20 });
    const index = (await (await fetch(`${sim.urls.rest}/fapi/v1/premiumIndex`)).json()) as { symbol: string; markPrice: string; lastFundingRate: string }[];
    const perpetuals = index.filter((e) => e.lastFundingRate !== '');
    const rates = perpetuals.map((e) => Number(e.lastFundingRate));
    expect(new Set(rates).size).toBeGreaterThanOrEqual(8);
    expect(rates.filter((r) => r < 0).length).toBeGreaterThanOrEqual(2);
    // Realistic: within the ±0.3 % a symbol's interval rarely leaves, most near the 0.01 % baseline.
    expect(rates.every((r) => Math.abs(r) <= 0.003)).toBe(true);
    const peer = await open(`${sim.urls.market}/stream?streams=adausdt@markPrice@1s`);
    const frame = await peer.take<{ data: { r: string } }>((m) => (m as { stream?: string }).stream === 'adausdt@markPrice@1s');
    expect(frame.data.r).toBe(perpetuals.find((e) => e.symbol === 'ADAUSDT')!.lastFundingRate);
    // A round now charges amt × mark × r for each leg (longs pay positive rates): the SOL long of oneway.
    sim.setMark('SOLUSDT', '182.5');
    sim.control.settleFunding();
    const rows = await signedJson<{ symbol: string; income: string }[]>(sim, '/fapi/v1/income', 'oneway', 'symbol=SOLUSDT&incomeType=FUNDING_FEE', NOW);
    const rate = Number(perpetuals.find((e) => e.symbol === 'SOLUSDT')!.lastFundingRate);
    expect(rows.map((r) => Number(r.income))).toEqual([-Number((40 * 182.5 * rate).toFixed(8))]);
  });
});
