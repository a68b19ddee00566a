/**
 * `pressMargin` over the control endpoint (issue 13): the account's cross margin ratio, as
 * `v2/account.status` reports it, lands on the target; the marks it set are what the mark stream
 * and the replies show; past the margin-call level a MARGIN_CALL follows; refusals are clear.
 */
import { describe, expect, it } from 'vitest';
import { control } from './helpers';
import { type LiveEvent, liveSimulators } from './live-helpers';

const start = liveSimulators();

interface StatusTotals {
  totalCrossWalletBalance: string;
  totalCrossUnPnl: string;
  positions: { symbol: string; maintMargin: string; isolatedWallet: string }[];
}

/** The cross ratio from a `v2/account.status` reply: Σ cross maint ÷ (cross wallet + cross uPnL), in %. */
function ratioFromStatus(status: StatusTotals): number {
  const crossMaint = status.positions.filter((p) => Number(p.isolatedWallet) === 0).reduce((sum, p) => sum + Number(p.maintMargin), 0);
  return (100 * crossMaint) / (Number(status.totalCrossWalletBalance) + Number(status.totalCrossUnPnl));
}

describe('pressMargin', () => {
  it('lands the ratio v2/account.status reports within ±0.5 % of the target, for each demo account', async () => {
    const { sim, call } = await start({ control: true });
    for (const [account, target] of [['oneway', 60], ['hedge', 35], ['multi', 70]] as const) {
      const before = ratioFromStatus((await call('v2/account.status', account)).result as StatusTotals);
      const reply = await control(sim, { command: 'pressMargin', account, ratioPct: target });
      expect(reply.status).toBe(200);
      const after = ratioFromStatus((await call('v2/account.status', account)).result as StatusTotals);
      expect(Math.abs(after - target)).toBeLessThanOrEqual(0.5);
      expect(after).toBeGreaterThan(before);
      expect(Math.abs((reply.body.ratioPct as number) - after)).toBeLessThan(0.01);
      // The marks in the reply are the exchange's marks now.
      const rows = sim.truth(account);
      for (const [symbol, mark] of Object.entries(reply.body.marks as Record<string, string>)) {
        expect(rows.find((r) => r.symbol === symbol)!.markPrice).toBe(mark);
      }
    }
  });

  it('past the margin-call level (80 %) a cross MARGIN_CALL follows; nothing is liquidated below 100 %', async () => {
    const { sim, userStream } = await start();
    const events = await userStream('hedge');
    const result = sim.control.pressMargin('hedge', 90);
    expect(Math.abs(result.ratioPct - 90)).toBeLessThanOrEqual(0.5);
    const marginCall = await events.take<LiveEvent & { cw?: string; p: { s: string; mt: string }[] }>((m) => m.e === 'MARGIN_CALL');
    expect(marginCall.cw).toBeDefined();
    expect(new Set(marginCall.p.map((p) => p.s))).toEqual(new Set(['BTCUSDT', 'BNBUSDT']));
    expect(marginCall.p.every((p) => p.mt === 'CROSSED')).toBe(true);
    const open = new Set(sim.truth('hedge').filter((r) => Number(r.positionAmt) !== 0).map((r) => r.symbol));
    expect(['BTCUSDT', 'BNBUSDT'].every((symbol) => open.has(symbol))).toBe(true);
    // Back down in the account's favour: the ratio follows.
    expect(Math.abs(sim.control.pressMargin('hedge', 20).ratioPct - 20)).toBeLessThanOrEqual(0.5);
  });

  it('refuses an account without cross positions, and a target outside 1–99 %', async () => {
    const { sim } = await start({ control: true });
    sim.control.fill({ account: 'oneway', symbol: 'ETHUSDT', side: 'BUY', qty: '3.500' });
    sim.control.fill({ account: 'oneway', symbol: 'SOLUSDT', side: 'SELL', qty: '40' });
    sim.control.fill({ account: 'oneway', symbol: '币安人生USDT', side: 'SELL', qty: '8000' });
    const none = await control(sim, { command: 'pressMargin', account: 'oneway', ratioPct: 50 });
    expect(none).toEqual({ status: 400, body: { ok: false, error: 'account oneway has no cross position: its cross margin ratio cannot be moved' } });
    const tooHigh = await control(sim, { command: 'pressMargin', account: 'hedge', ratioPct: 120 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error).toMatch(/^ratioPct: /);
    expect(() => sim.control.pressMargin('oneway', 50)).toThrow(/no cross position/);
  });
});
