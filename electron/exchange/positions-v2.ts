/**
 * The v2 positions path (PROTOCOL §4, §13.3): `v2/account.position` lacks leverage, margin type,
 * auto-add-margin and max notional, which come from signed REST `GET /fapi/v1/symbolConfig`, kept
 * current by ACCOUNT_CONFIG_UPDATE. This file joins the two into the v1-shaped rows the position
 * engine consumes, so the engine never knows which version the exchange answered.
 */
import { isZeroDecimal } from '../../shared/decimal';
import { positionCoreFields, type ExchangePosition, type MarginType } from '../../shared/position';
import type { ReadPosition } from './account-types';
import type { SymbolConfig, V2Position } from './wire';

/** `CROSSED`/`ISOLATED` in symbolConfig and MARGIN_CALL; `cross`/`isolated` in positions (PROTOCOL §0.7). */
export function marginTypeOf(config: SymbolConfig['marginType']): MarginType {
  return config === 'ISOLATED' ? 'isolated' : 'cross';
}

/**
 * Leverage when symbolConfig does not list the symbol (yet): |notional| / positionInitialMargin, as
 * PROTOCOL §10 allows for a v2 reply; "0" (unknown: no ROE is shown) when the reply cannot tell.
 */
function leverageFromMargin(row: V2Position): string {
  const notional = Math.abs(Number(row.notional));
  const margin = Number(row.positionInitialMargin ?? '0');
  if (!(notional > 0) || !(margin > 0)) return '0';
  const leverage = Math.round(notional / margin);
  return leverage >= 1 && leverage <= 200 ? String(leverage) : '0';
}

/**
 * A v2 row as the v1 row the engine reads, completed from the symbol's config, keeping what only v2
 * carries: the ADL quantile and the row's own margin asset (when the reply has them).
 */
export function toV1Row(row: V2Position, config: SymbolConfig | undefined): ReadPosition {
  const fromConfig: Pick<ExchangePosition, 'leverage' | 'marginType' | 'isAutoAddMargin' | 'maxNotionalValue'> =
    config === undefined
      ? {
          leverage: leverageFromMargin(row),
          // Without the config, a position with its own wallet is isolated; cross ones have "0".
          marginType: isZeroDecimal(row.isolatedWallet) ? 'cross' : 'isolated',
          isAutoAddMargin: 'false',
          maxNotionalValue: '0',
        }
      : {
          leverage: String(config.leverage),
          marginType: marginTypeOf(config.marginType),
          isAutoAddMargin: config.isAutoAddMargin ? 'true' : 'false',
          maxNotionalValue: String(config.maxNotionalValue),
        };
  const v2Only: Pick<ReadPosition, 'adl' | 'marginAsset'> = {};
  if (row.adl !== undefined) v2Only.adl = row.adl;
  if (row.marginAsset !== undefined) v2Only.marginAsset = row.marginAsset;
  return { ...positionCoreFields(row), ...fromConfig, ...v2Only };
}

/**
 * Every symbol's config as last read, with the leverage changes the user stream announced since. It
 * is marked stale when something it cannot follow may have changed (a reconnect: events are not
 * replayed; a margin type change; a leverage change, which moves the max notional), and is then read
 * again before the next v2 snapshot is completed.
 */
export class SymbolConfigBook {
  private configs = new Map<string, SymbolConfig>();
  private loaded = false;
  private isStale = true;

  get stale(): boolean {
    return this.isStale;
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  get(symbol: string): SymbolConfig | undefined {
    return this.configs.get(symbol);
  }

  replace(configs: Map<string, SymbolConfig>): void {
    this.configs = configs;
    this.loaded = true;
    this.isStale = false;
  }

  markStale(): void {
    this.isStale = true;
  }

  /** ACCOUNT_CONFIG_UPDATE `ac {s, l}`: the new leverage at once; the rest of the entry is re-read. */
  applyLeverage(symbol: string, leverage: number): void {
    const known = this.configs.get(symbol);
    if (known !== undefined) this.configs.set(symbol, { ...known, leverage });
    this.isStale = true;
  }
}
