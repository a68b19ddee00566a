/**
 * The simulator's contract list, shaped like what mainnet lists today (PROTOCOL §13.1–§13.2): a
 * dozen realistic USDⓈ-M perpetuals, a perpetual named in Chinese (`币安人生USDT`, listed
 * 2025-10-09), a TradFi perpetual (`XAUUSDT`, `TRADIFI_PERPETUAL`, since 2025-12-11), a quarterly,
 * and contracts in the statuses other than TRADING (SETTLING, PENDING_TRADING, CLOSE), so a client
 * must handle every name, contract type and status exactly as it has to on Binance. Tick and step
 * sizes follow Binance's real values.
 */
import type { BracketTier } from './brackets';

/** Contract types as `exchangeInfo` spells them. */
export type ContractType = 'PERPETUAL' | 'TRADIFI_PERPETUAL' | 'CURRENT_QUARTER' | 'NEXT_QUARTER';

/** Symbol statuses as `exchangeInfo` spells them (the subset the simulator uses). */
export type SymbolStatus = 'TRADING' | 'PENDING_TRADING' | 'SETTLING' | 'CLOSE';

/** Everything the simulator knows about one contract. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly pair: string;
  readonly contractType: ContractType;
  readonly status: SymbolStatus;
  readonly baseAsset: string;
  readonly pricePrecision: number;
  readonly quantityPrecision: number;
  readonly tickSize: string;
  readonly minPrice: string;
  readonly maxPrice: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  readonly marketMaxQty: string;
  readonly minNotional: string;
  readonly onboardDate: number;
  readonly deliveryDate: number;
  readonly underlyingSubType: readonly string[];
  readonly brackets: BracketTier;
  /** Mark price the walk starts from. */
  readonly initialMark: string;
  /**
   * Funding rate per interval published on the mark stream (`r`) and charged at each funding time;
   * perpetuals only, "" otherwise. Realistic magnitudes, varied per symbol: most near Binance's
   * 0.01 % baseline (interest 0.03 %/day over three 8 h intervals), some below it and some negative
   * (shorts pay longs). Fixed per symbol so funding amounts are predictable in tests.
   */
  readonly fundingRate: string;
  /** Quote asset; `USDT` when absent. */
  readonly quoteAsset?: string;
  /** The asset margin and PnL are paid in; `USDT` when absent (`USDC` for `…USDC` contracts). */
  readonly marginAsset?: string;
  /** `exchangeInfo.underlyingType`; `COIN` when absent (`COMMODITY` for metals). */
  readonly underlyingType?: string;
  /** Hours between funding rounds: 1, 4 or 8 (Binance's default, when absent). PROTOCOL §13.10. */
  readonly fundingIntervalHours?: 1 | 4 | 8;
}

/** The margin asset of a contract. */
export function marginAssetOf(spec: SymbolSpec): string {
  return spec.marginAsset ?? 'USDT';
}

/** The funding interval of a contract, in hours. */
export function fundingHoursOf(spec: SymbolSpec): 1 | 4 | 8 {
  return spec.fundingIntervalHours ?? 8;
}

/** Perpetuals are listed with a delivery date far in the future (2100-12-25), like Binance. */
const PERPETUAL_DELIVERY = 4133404800000;

type Numbers = [pricePrecision: number, quantityPrecision: number];
type Prices = [tickSize: string, minPrice: string, maxPrice: string];
type Lots = [stepSize: string, minQty: string, maxQty: string, marketMaxQty: string];

function perpetual(
  base: string,
  [pricePrecision, quantityPrecision]: Numbers,
  [tickSize, minPrice, maxPrice]: Prices,
  [stepSize, minQty, maxQty, marketMaxQty]: Lots,
  extra: Pick<
    SymbolSpec,
    'minNotional' | 'onboardDate' | 'underlyingSubType' | 'brackets' | 'initialMark' | 'fundingRate'
  >,
): SymbolSpec {
  const symbol = `${base}USDT`;
  return {
    symbol, pair: symbol, contractType: 'PERPETUAL', status: 'TRADING', baseAsset: base,
    pricePrecision, quantityPrecision, tickSize, minPrice, maxPrice,
    stepSize, minQty, maxQty, marketMaxQty, deliveryDate: PERPETUAL_DELIVERY, ...extra,
  };
}

const day = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h);

/** Every contract `exchangeInfo` lists, in listing order. */
export const SYMBOLS: readonly SymbolSpec[] = [
  perpetual('BTC', [2, 3], ['0.10', '261.10', '809484'], ['0.001', '0.001', '1000', '120'], {
    minNotional: '100', onboardDate: day(2019, 9, 25, 8), underlyingSubType: ['PoW'],
    brackets: 'btc', initialMark: '104250.000', fundingRate: '0.00010000',
  }),
  perpetual('ETH', [2, 3], ['0.01', '39.86', '306177'], ['0.001', '0.001', '10000', '2000'], {
    minNotional: '20', onboardDate: day(2019, 11, 27, 7), underlyingSubType: ['Layer-1'],
    brackets: 'large', initialMark: '3650.0000', fundingRate: '0.00010000',
  }),
  perpetual('SOL', [4, 0], ['0.0100', '0.4200', '6857'], ['1', '1', '1000000', '5000'], {
    minNotional: '5', onboardDate: day(2020, 9, 14, 7), underlyingSubType: ['Layer-1'],
    brackets: 'large', initialMark: '182.5000', fundingRate: '0.00007315',
  }),
  perpetual('BNB', [3, 2], ['0.010', '6.600', '100000'], ['0.01', '0.01', '100000', '2000'], {
    minNotional: '5', onboardDate: day(2020, 2, 10, 7), underlyingSubType: ['Layer-1'],
    brackets: 'large', initialMark: '685.0000', fundingRate: '0.00005000',
  }),
  perpetual('XRP', [4, 1], ['0.0001', '0.0143', '100'], ['0.1', '0.1', '10000000', '2000000'], {
    minNotional: '5', onboardDate: day(2020, 1, 6, 8), underlyingSubType: ['Payment'],
    brackets: 'large', initialMark: '2.310000', fundingRate: '0.00010000',
  }),
  perpetual('DOGE', [6, 0], ['0.000010', '0.002440', '30'], ['1', '1', '50000000', '30000000'], {
    minNotional: '5', onboardDate: day(2020, 7, 10, 8), underlyingSubType: ['Meme'],
    brackets: 'alt', initialMark: '0.2315000', fundingRate: '0.00008931',
  }),
  perpetual('ADA', [5, 0], ['0.00010', '0.01530', '20'], ['1', '1', '10000000', '300000'], {
    minNotional: '5', onboardDate: day(2020, 1, 31, 8), underlyingSubType: ['Layer-1'],
    brackets: 'alt', initialMark: '0.721000', fundingRate: '-0.00004120',
  }),
  perpetual('LINK', [3, 2], ['0.001', '0.460', '2000'], ['0.01', '0.01', '1000000', '20000'], {
    minNotional: '5', onboardDate: day(2020, 1, 17, 8), underlyingSubType: ['Infrastructure'],
    brackets: 'alt', initialMark: '19.48000', fundingRate: '0.00003260',
  }),
  perpetual('AVAX', [4, 0], ['0.0010', '0.0500', '5000'], ['1', '1', '1000000', '20000'], {
    minNotional: '5', onboardDate: day(2020, 9, 23, 8), underlyingSubType: ['Layer-1'],
    brackets: 'alt', initialMark: '31.25000', fundingRate: '-0.00002150',
  }),
  perpetual('LTC', [2, 3], ['0.01', '3.61', '10000'], ['0.001', '0.001', '100000', '2000'], {
    minNotional: '20', onboardDate: day(2020, 1, 9, 8), underlyingSubType: ['PoW'],
    brackets: 'alt', initialMark: '104.8500', fundingRate: '-0.00000870',
  }),
  {
    ...perpetual('SUI', [6, 1], ['0.000100', '0.001000', '2000'], ['0.1', '0.1', '5000000', '200000'], {
      minNotional: '5', onboardDate: day(2023, 5, 3, 12), underlyingSubType: ['Layer-1'],
      brackets: 'alt', initialMark: '3.482000', fundingRate: '0.00012440',
    }),
    fundingIntervalHours: 4,
  },
  perpetual('1000PEPE', [7, 0], ['0.0000001', '0.0000001', '200'], ['1', '1', '800000000', '80000000'], {
    minNotional: '5', onboardDate: day(2023, 5, 5, 10), underlyingSubType: ['Meme'],
    brackets: 'alt', initialMark: '0.01249000', fundingRate: '0.00010000',
  }),
  {
    ...perpetual('BTC', [1, 3], ['0.1', '576.3', '809484'], ['0.001', '0.001', '500', '50'], {
      minNotional: '5', onboardDate: day(2026, 6, 26, 8), underlyingSubType: ['PoW'],
      brackets: 'btc', initialMark: '106870.000', fundingRate: '',
    }),
    symbol: 'BTCUSDT_261225', contractType: 'CURRENT_QUARTER', deliveryDate: day(2026, 12, 25, 8),
  },
  {
    // Named in Chinese ("Binance Life"), a TRADING perpetual since 2025-10-09 (PROTOCOL §13.1). Its
    // stream names are the symbol lowercased, which leaves the Chinese characters as they are.
    // Funded every hour, as Binance does for volatile new listings (PROTOCOL §13.10).
    ...perpetual('币安人生', [5, 0], ['0.00001', '0.00010', '20'], ['1', '1', '20000000', '2000000'], {
      minNotional: '5', onboardDate: day(2025, 10, 9, 12), underlyingSubType: ['Meme'],
      brackets: 'alt', initialMark: '0.1924000', fundingRate: '0.00005000',
    }),
    fundingIntervalHours: 1,
  },
  {
    // Gold as a TradFi perpetual (contractType TRADIFI_PERPETUAL, since 2025-12-11): its own grid.
    ...perpetual('XAU', [2, 3], ['0.01', '100', '100000'], ['0.001', '0.001', '2000', '200'], {
      minNotional: '5', onboardDate: day(2025, 12, 11, 8), underlyingSubType: ['Commodity'],
      brackets: 'large', initialMark: '4215.3700', fundingRate: '0.00002500',
    }),
    contractType: 'TRADIFI_PERPETUAL',
    underlyingType: 'COMMODITY',
  },
  {
    // USDC-margined: PnL and margin in USDC (Multi-Assets accounts hold both, PROTOCOL §13.9).
    ...perpetual('BTC', [1, 3], ['0.1', '261.1', '809484'], ['0.001', '0.001', '500', '50'], {
      minNotional: '5', onboardDate: day(2024, 1, 8, 8), underlyingSubType: ['PoW'],
      brackets: 'btc', initialMark: '104230.000', fundingRate: '0.00008000',
    }),
    symbol: 'BTCUSDC', pair: 'BTCUSDC', quoteAsset: 'USDC', marginAsset: 'USDC',
  },
  {
    ...perpetual('MATIC', [4, 0], ['0.0001', '0.0100', '100'], ['1', '1', '5000000', '500000'], {
      minNotional: '5', onboardDate: day(2020, 10, 22, 8), underlyingSubType: ['Layer-2'],
      brackets: 'alt', initialMark: '0.380000', fundingRate: '0.00010000',
    }),
    status: 'SETTLING',
  },
  {
    // Announced, not trading yet: no mark price, no rows in account.position.
    ...perpetual('ZAMA', [6, 0], ['0.000010', '0.000100', '200'], ['1', '1', '10000000', '1000000'], {
      minNotional: '5', onboardDate: day(2026, 12, 3, 8), underlyingSubType: ['Infrastructure'],
      brackets: 'alt', initialMark: '0.0500000', fundingRate: '0.00010000',
    }),
    status: 'PENDING_TRADING',
  },
  {
    // Delisted and closed.
    ...perpetual('FTM', [6, 0], ['0.000100', '0.001000', '100'], ['1', '1', '10000000', '1000000'], {
      minNotional: '5', onboardDate: day(2020, 3, 12, 8), underlyingSubType: ['Layer-1'],
      brackets: 'alt', initialMark: '0.7000000', fundingRate: '0.00010000',
    }),
    status: 'CLOSE',
  },
];

/** Contracts that trade, have a mark price and appear in `account.position`. */
export const TRADING_SYMBOLS: readonly SymbolSpec[] = SYMBOLS.filter((s) => s.status === 'TRADING');

/** Looks up a trading contract by its exact name (as listed; not case-folded). */
export function tradingSymbol(symbol: string): SymbolSpec | undefined {
  return TRADING_SYMBOLS.find((s) => s.symbol === symbol);
}
