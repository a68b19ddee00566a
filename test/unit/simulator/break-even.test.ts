/**
 * Break-even per Binance's current FAQ (PROTOCOL §13.11): (total cost − total gained) ÷ current
 * size; fees and funding not included; what partial closes realised is. Worked through fills.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../electron/simulator/account-model';
import { dec, toFixed } from '../../../electron/simulator/decimal';
import { applyFill } from '../../../electron/simulator/fills';
import { applyFunding } from '../../../electron/simulator/funding';
import { breakEvenPrice } from '../../../electron/simulator/position-math';
import { createMarket } from '../../../electron/simulator/market';
import { SYMBOLS } from '../../../electron/simulator/symbols';

const flat = (mode: 'oneway' | 'hedge' = 'oneway'): Account => ({
  name: 'oneway', mode, walletBalance: dec('100000'), settings: new Map(), positions: [],
});

function trade(account: Account, side: 'BUY' | 'SELL', qty: string, price: string): Account {
  const outcome = applyFill(account, { symbol: 'ETHUSDT', side, positionSide: 'BOTH', quantity: dec(qty), price: dec(price), time: 1 });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result.account;
}

const bep = (account: Account): string => {
  const leg = account.positions.find((p) => p.symbol === 'ETHUSDT');
  return leg ? toFixed(breakEvenPrice(leg), 4) : '0';
};

describe('break-even (FAQ): (total cost − total gained) / current size', () => {
  it('a long built in two buys and partly closed at a profit', () => {
    // Buy 2 @ 100 and 2 @ 110: cost 420, size 4, entry 105, break-even 105 (no fee in it).
    let account = trade(trade(flat(), 'BUY', '2', '100'), 'BUY', '2', '110');
    expect(bep(account)).toBe('105.0000');
    // Sell 1 @ 120: gained 120. (420 − 120) / 3 = 100: the realised 15 lowers the break-even by 5.
    account = trade(account, 'SELL', '1', '120');
    expect(bep(account)).toBe('100.0000');
    expect(toFixed(account.positions[0]!.entryPrice, 4)).toBe('105.0000'); // the entry does not move
    // Sell 2 more @ 90 (a loss): (300 − 180) / 1 = 120.
    account = trade(account, 'SELL', '2', '90');
    expect(bep(account)).toBe('120.0000');
  });

  it('a short: (total gained − total cost) / size, the mirror image', () => {
    // Sell 2 @ 100 (gained 200), buy back 1 @ 90 (cost 90): (200 − 90) / 1 = 110.
    const account = trade(trade(flat(), 'SELL', '2', '100'), 'BUY', '1', '90');
    expect(bep(account)).toBe('110.0000');
  });

  it('a flip starts a new position at the fill price; closing resets it', () => {
    // Long 1 @ 100, sell 3 @ 120: now short 2, a new position opened at 120.
    const flipped = trade(trade(flat(), 'BUY', '1', '100'), 'SELL', '3', '120');
    expect(bep(flipped)).toBe('120.0000');
    expect(bep(trade(flipped, 'BUY', '2', '130'))).toBe('0');
  });

  it('fees and funding do not move it', () => {
    const account = trade(flat(), 'BUY', '2', '100');
    const market = createMarket(SYMBOLS, 1);
    const funded = applyFunding(account, market, 2).account;
    expect(funded.walletBalance).not.toBe(account.walletBalance); // funding was paid…
    expect(bep(funded)).toBe('100.0000'); // …and is not in the break-even
  });
});
