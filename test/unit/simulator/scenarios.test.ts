/**
 * Start-up scenarios and the activity generator: consistent accounts in every scenario, the
 * large scenario's generated symbols, and seeded, position-preserving activity.
 */
import { describe, expect, it } from 'vitest';
import { type AccountName, accountProblems } from '../../../electron/simulator/account-model';
import { AccountBook, DEFAULT_MARGIN_CALL_RATIO } from '../../../electron/simulator/account-book';
import { nudge } from '../../../electron/simulator/activity';
import { createMarket } from '../../../electron/simulator/market';
import { positionRows } from '../../../electron/simulator/position-rows';
import { mulberry32 } from '../../../electron/simulator/prng';
import { SCENARIO_NAMES, buildScenario } from '../../../electron/simulator/scenarios';
import { SYMBOLS } from '../../../electron/simulator/symbols';
import type { UserEvent } from '../../../electron/simulator/user-events';

const T = Date.UTC(2026, 0, 15, 12);

describe('scenarios', () => {
  it.each(SCENARIO_NAMES)('%s: both accounts, consistent, with rows that compute', (name) => {
    const scenario = buildScenario(name, T, 25);
    expect(Object.keys(scenario.accounts)).toEqual(['oneway', 'hedge', 'multi']);
    const market = createMarket(scenario.listed, 1);
    for (const account of Object.values(scenario.accounts)) {
      expect(accountProblems(account)).toEqual([]);
      expect(positionRows(account, market).length).toBeGreaterThan(0);
    }
  });

  it('oneway and hedge are the standard book; mixed adds one-sided hedge symbols and high leverage', () => {
    expect(buildScenario('hedge', T, 1)).toEqual(buildScenario('oneway', T, 1));
    const mixed = buildScenario('mixed', T, 1).accounts;
    expect(mixed.hedge.positions.filter((p) => p.symbol === 'SOLUSDT').map((p) => p.positionSide)).toEqual(['LONG']);
    expect(mixed.oneway.settings.get('DOGEUSDT')).toMatchObject({ leverage: 50, marginType: 'isolated' });
  });

  it('large: N generated symbols listed, each with a leg on both accounts', () => {
    const { listed, accounts } = buildScenario('large', T, 120);
    const generated = listed.filter((s) => /^X\d{4}USDT$/.test(s.symbol));
    expect(generated.length).toBe(120);
    expect(listed.length).toBe(SYMBOLS.length + 120);
    for (const spec of generated) {
      expect(accounts.oneway.positions.some((p) => p.symbol === spec.symbol)).toBe(true);
      expect(accounts.hedge.positions.some((p) => p.symbol === spec.symbol && p.positionSide === 'LONG')).toBe(true);
    }
  });
});

describe('activity generator', () => {
  function run(seed: number) {
    const { accounts } = buildScenario('oneway', T, 1);
    const market = createMarket(SYMBOLS, 1);
    const events: [AccountName, UserEvent][] = [];
    const book = new AccountBook(accounts, { market, now: () => T, emit: (a, e) => events.push([a, e]), marginCallRatio: DEFAULT_MARGIN_CALL_RATIO });
    const random = mulberry32(seed);
    for (let i = 0; i < 40; i++) nudge(book, market, random);
    return { book, events, accounts };
  }

  it('makes small fills that never open, close or flip a leg', () => {
    const { book, events, accounts } = run(7);
    expect(events.filter(([, e]) => e.e === 'ORDER_TRADE_UPDATE').length).toBe(40);
    for (const name of ['oneway', 'hedge', 'multi'] as const) {
      const before = accounts[name].positions.map((p) => `${p.symbol}:${p.positionSide}:${p.positionAmt > 0n}`);
      const after = book.get(name).positions.map((p) => `${p.symbol}:${p.positionSide}:${p.positionAmt > 0n}`);
      expect(after).toEqual(before);
    }
  });

  it('is deterministic for a seed', () => {
    const amounts = (seed: number) => run(seed).book.get('hedge').positions.map((p) => p.positionAmt);
    expect(amounts(3)).toEqual(amounts(3));
    expect(amounts(3)).not.toEqual(amounts(4));
  });
});
