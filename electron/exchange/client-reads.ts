/**
 * What the exchange client reads for its owner — symbols, positions, brackets and the account's risk
 * figures — as one public surface. Each read is AccountReads' (account-reads.ts), sent through the
 * client's request gate on its current connection; ExchangeClient (client.ts) supplies `reads` and
 * keeps the connections, so this file holds the read API and client.ts the connection lifecycle.
 */
import type { SymbolInfo } from '../../shared/symbols';
import type { AccountReads } from './account-reads';
import type { AccountConfigRead, AccountStatusRead, AdlQuantiles, FundingIncomeRead, FundingIntervals, ReadPosition } from './account-types';
import type { PositionsApi } from './positions-reader';
import type { Bracket } from './wire';

export abstract class ClientReads {
  /** The reads, wired to the client's gate and connection. */
  protected abstract readonly reads: AccountReads;

  /** Which positions method the exchange is read with: v1 until it refuses it, then v2. */
  get positionsApi(): PositionsApi {
    return this.reads.positionsApi;
  }

  /** Every listed symbol, fetched once a day. */
  symbols(): Promise<SymbolInfo[]> {
    return this.reads.symbols();
  }

  /** The account's positions (or one symbol's), v1-shaped whichever method the exchange serves (v2 rows keep `adl`, `marginAsset`). */
  fetchPositions(symbol?: string): Promise<ReadPosition[]> {
    return this.reads.fetchPositions(symbol);
  }

  /** The account's totals, assets and margin figures (`v2/account.status`, v1 if v2 is unknown). */
  accountStatus(): Promise<AccountStatusRead> {
    return this.reads.accountStatus();
  }

  /** The account's modes: Multi-Assets, hedge (signed REST accountConfig). */
  accountConfig(): Promise<AccountConfigRead> {
    return this.reads.accountConfig();
  }

  /** Every funding payment since `startTime` (exchange ms), each once, oldest first (paged REST income). */
  fundingIncome(startTime: number): Promise<FundingIncomeRead[]> {
    return this.reads.fundingIncome(startTime);
  }

  /** ADL quantiles 0–4 by `${symbol}:${positionSide}` (signed REST adlQuantile). */
  adlQuantiles(): Promise<AdlQuantiles> {
    return this.reads.adlQuantiles();
  }

  /** Hours between fundings of the symbols fundingInfo lists (others 8), reused for an hour. */
  fundingIntervals(): Promise<FundingIntervals> {
    return this.reads.fundingIntervals();
  }

  /** Notional brackets per symbol (signed REST), through the same gate as every request. */
  leverageBrackets(): Promise<Map<string, Bracket[]>> {
    return this.reads.leverageBrackets();
  }
}
