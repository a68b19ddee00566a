/**
 * The client's REST account reads against the simulator's account endpoints (issue 13), over real
 * sockets on 127.0.0.1: `accountConfig()` describes each demo account, `adlQuantiles()` agrees with the
 * `adl` of the v2 rows, and `fundingIncome()` holds each payment of a funding round once, summing per
 * asset to exactly the wallet change `accountStatus()` shows.
 */
import { describe, expect, it } from 'vitest';
import { connectThroughRelay } from '../../support/simulator-client';

/** Exact sums of 8-decimal amounts, as integers of 1e-8. */
const units = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0').slice(0, 8));
  return amount.startsWith('-') ? -value : value;
};

describe('account endpoints through the client', () => {
  it.each([
    ['oneway', { multiAssetsMargin: false, dualSidePosition: false }],
    ['hedge', { multiAssetsMargin: false, dualSidePosition: true }],
    ['multi', { multiAssetsMargin: true }],
  ] as const)('accountConfig() of %s', async (account, expected) => {
    const { client } = await connectThroughRelay({ simulator: { seed: 5, markIntervalMs: 60_000 }, account, hooks: {} });
    expect(await client.accountConfig()).toMatchObject(expected);
  });

  it('adlQuantiles() gives every open v2 row its own adl', async () => {
    const { simulator, client } = await connectThroughRelay({ simulator: { seed: 5, markIntervalMs: 60_000, control: true }, account: 'hedge', hooks: {} });
    simulator.control.retireMethod('account.position');
    const rows = (await client.fetchPositions()).filter((row) => Number(row.positionAmt) !== 0);
    const quantiles = await client.adlQuantiles();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([row.symbol, row.positionSide, quantiles.get(`${row.symbol}:${row.positionSide}`)]).toEqual([row.symbol, row.positionSide, row.adl]);
    expect([...quantiles.keys()].some((key) => key.endsWith(':HEDGE'))).toBe(false);
  });

  it.each(['oneway', 'multi'] as const)('fundingIncome() after a funding round: each payment once, per asset the wallet change (%s)', async (account) => {
    const { simulator, client } = await connectThroughRelay({ simulator: { seed: 5, markIntervalMs: 60_000, control: true }, account, hooks: {} });
    const before = await client.accountStatus();
    const known = new Set((await client.fundingIncome(0)).map((row) => row.tranId));
    simulator.control.settleFunding();
    const after = await client.accountStatus();
    const rows = await client.fundingIncome(0);
    expect(new Set(rows.map((row) => row.tranId)).size).toBe(rows.length);
    const round = rows.filter((row) => !known.has(row.tranId));
    expect(round.length).toBeGreaterThan(0);
    const wallet = (read: typeof before, asset: string): bigint => units(read.assets.find((entry) => entry.asset === asset)?.walletBalance ?? '0');
    for (const asset of new Set(round.map((row) => row.asset))) {
      const paid = round.filter((row) => row.asset === asset).reduce((total, row) => total + units(row.income), 0n);
      expect([asset, paid]).toEqual([asset, wallet(after, asset) - wallet(before, asset)]);
    }
    // Every payment is in a symbol the account holds.
    const held = new Set(before.positions.map((row) => row.symbol));
    expect(round.every((row) => held.has(row.symbol))).toBe(true);
  });
});
