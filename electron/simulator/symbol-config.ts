/**
 * `GET /fapi/v1/symbolConfig` rows (PROTOCOL §5, §13.3): the per-symbol settings a v2 client
 * needs, because `v2/account.position` carries neither leverage nor margin type. Note the
 * spellings: `marginType` is `CROSSED`/`ISOLATED` here (not `cross`/`isolated` as in positions),
 * `isAutoAddMargin` a boolean (a string in v1 positions), `leverage` an integer.
 */
import { type Account, settingsOf } from './account-model';
import { bracketsOf, maxNotionalAt } from './brackets';
import { integerText } from './format';
import type { SymbolSpec } from './symbols';

/** One row, keys in the documented order. */
export interface SymbolConfigRow {
  symbol: string;
  marginType: 'CROSSED' | 'ISOLATED';
  isAutoAddMargin: boolean;
  leverage: number;
  maxNotionalValue: string;
}

/** The rows of `symbols` for an account. */
export function symbolConfigRows(account: Account, symbols: readonly SymbolSpec[]): SymbolConfigRow[] {
  return symbols.map((spec) => {
    const settings = settingsOf(account, spec.symbol);
    return {
      symbol: spec.symbol,
      marginType: settings.marginType === 'cross' ? 'CROSSED' : 'ISOLATED',
      isAutoAddMargin: settings.isAutoAddMargin,
      leverage: settings.leverage,
      maxNotionalValue: integerText(maxNotionalAt(bracketsOf(spec.brackets), settings.leverage)),
    };
  });
}
