/**
 * The two demo accounts and their API credentials. The keys are public, documented constants
 * (64 alphanumeric characters, like Binance's) so `npm run sim` users and every test can sign
 * requests without configuration. They open nothing but this simulator.
 */
import type { Account, AccountName, MarginType, OpenPosition, PositionSide, SymbolSettings } from './account-model';
import { dec } from './decimal';

/** API credentials of a demo account. */
export interface DemoCredentials {
  readonly name: AccountName;
  readonly keyType: 'HMAC';
  readonly apiKey: string;
  readonly secret: string;
}

/** The fixed demo credentials: HMAC-SHA256 keys, one per account. */
export const DEMO_CREDENTIALS: readonly DemoCredentials[] = [
  {
    name: 'oneway',
    keyType: 'HMAC',
    apiKey: 'zwrXbuFJGsblYLvxWDgrNumONhev5C516SJpkMifTSpxvJLQo9TzQRGbwDd5zCxU',
    secret: 'qw3Euh00Ms42nHJa0aq8CYim5n7jk2dCkiXuTwKH0FEL3O2K96a6ExNUxMx8ifis',
  },
  {
    name: 'hedge',
    keyType: 'HMAC',
    apiKey: '8SvOCw7IFgHd1b4dXonIDLS1mXM4tah7JeKOnZFFKzySOpxB2eFoGK7uNB4prDxN',
    secret: 'PUasELQztXKZii7i5DpKV4TOXlg3xDJzKM89NCNqqSzmMSzVDJ0UkktsoZvD6lIc',
  },
  {
    name: 'multi',
    keyType: 'HMAC',
    apiKey: 'mAqT3nZcR8vLx2WkP6yHd9FsJ4bGe7NuQ1oVt5iXa0CwYzKrE3lMhBgSjD8fUpOn',
    secret: 'Zt7Qw2ErTy9UiOp4AsDf6GhJk1LzXc8VbNm3Qa5Ws0Ed2Rf7Tg9Yh4Uj6Ik1Ol3P',
  },
];

const HOUR = 3_600_000;

const settings = (leverage: number, marginType: MarginType): SymbolSettings => ({
  leverage,
  marginType,
  isAutoAddMargin: false,
});

function leg(
  symbol: string,
  positionSide: PositionSide,
  amount: string,
  entry: string,
  isolatedWallet: string,
  updateTime: number,
): OpenPosition {
  return {
    symbol,
    positionSide,
    positionAmt: dec(amount),
    entryPrice: dec(entry),
    isolatedWallet: dec(isolatedWallet),
    updateTime,
  };
}

/**
 * Builds the demo accounts. `openedAt` anchors the legs' `updateTime`s (a few hours before
 * the simulator started) so replies carry plausible, stable times. Isolated wallets equal
 * the initial margin at entry (size × entry ÷ leverage).
 */
export function demoAccounts(openedAt: number): Record<AccountName, Account> {
  const at = (hoursAgo: number): number => openedAt - hoursAgo * HOUR;
  return {
    oneway: {
      name: 'oneway',
      mode: 'oneway',
      // Cross wallet 3,446.635 (wallet less the isolated BTC and XRP wallets): at the start marks a
      // cross margin ratio near 3 % with some balance still available, as a trader's account would
      // have — one that could not have opened its positions (available 0) is not a believable demo.
      walletBalance: dec('7500'),
      settings: new Map([
        ['BTCUSDT', settings(10, 'isolated')],
        ['ETHUSDT', settings(20, 'cross')],
        ['SOLUSDT', settings(5, 'cross')],
        ['XRPUSDT', settings(8, 'isolated')],
        ['币安人生USDT', settings(10, 'cross')],
      ]),
      positions: [
        leg('BTCUSDT', 'BOTH', '0.250', '101834.6', '2545.865', at(26)),
        leg('ETHUSDT', 'BOTH', '-3.500', '3712.45', '0', at(9)),
        leg('SOLUSDT', 'BOTH', '40', '178.245', '0', at(5)),
        leg('XRPUSDT', 'BOTH', '-5000', '2.4120', '1507.5', at(2)),
        // A symbol named in Chinese (PROTOCOL §13.1): demo mode must show it like any other.
        leg('币安人生USDT', 'BOTH', '8000', '0.18950', '0', at(4)),
      ],
    },
    hedge: {
      name: 'hedge',
      mode: 'hedge',
      // Cross wallet 1,917.37 after the isolated ETH and XAU wallets: a cross margin ratio near 5 %,
      // with some balance available.
      walletBalance: dec('3500'),
      settings: new Map([
        ['BTCUSDT', settings(20, 'cross')],
        ['ETHUSDT', settings(10, 'isolated')],
        ['BNBUSDT', settings(5, 'cross')],
        ['XAUUSDT', settings(5, 'isolated')],
      ]),
      positions: [
        leg('BTCUSDT', 'LONG', '0.150', '102480.3', '0', at(30)),
        leg('BTCUSDT', 'SHORT', '-0.080', '105120.7', '0', at(12)),
        leg('ETHUSDT', 'LONG', '2.000', '3598.12', '719.624', at(20)),
        leg('ETHUSDT', 'SHORT', '-1.200', '3701.55', '444.186', at(7)),
        leg('BNBUSDT', 'LONG', '6', '672.34', '0', at(3)),
        // A TradFi perpetual (gold, TRADIFI_PERPETUAL): isolated wallet = 0.5 × 4188.20 ÷ 5.
        leg('XAUUSDT', 'LONG', '0.500', '4188.20', '418.82', at(6)),
      ],
    },
    // Multi-Assets mode (PROTOCOL §13.9): USDT and USDC wallets margin both positions together.
    multi: {
      name: 'multi',
      mode: 'oneway',
      // USD 1,500 in all (stablecoins at 1): a cross margin ratio near 4 % across both assets, with
      // some balance available.
      walletBalance: dec('1500'),
      assetBalances: new Map([['USDT', dec('900')], ['USDC', dec('600')]]),
      settings: new Map([
        ['BTCUSDC', settings(10, 'cross')],
        ['ETHUSDT', settings(10, 'cross')],
      ]),
      positions: [
        leg('BTCUSDC', 'BOTH', '-0.080', '105100.0', '0', at(8)),
        leg('ETHUSDT', 'BOTH', '1.500', '3590.10', '0', at(3)),
      ],
    },
  };
}
