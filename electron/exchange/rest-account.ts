/**
 * The REST account reads of issue 13 (PROTOCOL §5): account modes, funding income, ADL quantiles and
 * funding intervals. None carries a symbol: the whole account is read and filtered here, so no value
 * outside the unreserved characters is ever signed (a name like `币安人生USDT` would be percent-encoded
 * correctly by rest-query.ts, but nothing needs to send one). The client sends them through its gate.
 */
import {
  MAX_INCOME_ROWS,
  readAccountConfig,
  readAdlQuantiles,
  readFundingIncomePage,
  readFundingInfo,
  type Dropping,
} from './account-replies';
import type { AccountConfigRead, AdlQuantiles, FundingIncomeRead, FundingIntervals } from './account-types';
import { restGet, type RestContext } from './rest-http';
import type { RowDrops } from './rows';
import type { Signer } from './signing';

/** Signed `GET /fapi/v1/accountConfig` (weight 5, USER_DATA): Multi-Assets and hedge mode. */
export async function fetchAccountConfig(context: RestContext, signer: Signer): Promise<AccountConfigRead> {
  return readAccountConfig(await restGet(context, '/fapi/v1/accountConfig', { signer }));
}

/** One page of funding income as read. */
export interface IncomePage {
  rows: FundingIncomeRead[];
  /** Rows the page held, read or not: a page of `limit` rows means more may follow. */
  received: number;
  dropped: RowDrops;
}

/**
 * Signed `GET /fapi/v1/income?incomeType=FUNDING_FEE&startTime=…&limit=1000` (weight 30, USER_DATA):
 * one page of funding payments from `startTime` (exchange ms), oldest first.
 */
export async function fetchFundingIncomePage(context: RestContext, signer: Signer, startTime: number): Promise<IncomePage> {
  const params = { incomeType: 'FUNDING_FEE', startTime: Math.max(0, Math.floor(startTime)), limit: MAX_INCOME_ROWS };
  return readFundingIncomePage(await restGet(context, '/fapi/v1/income', { signer, params }));
}

/** Signed `GET /fapi/v1/adlQuantile` (weight 5, USER_DATA): every symbol with a position. */
export async function fetchAdlQuantiles(context: RestContext, signer: Signer): Promise<Dropping<AdlQuantiles>> {
  return readAdlQuantiles(await restGet(context, '/fapi/v1/adlQuantile', { signer }));
}

/**
 * Public `GET /fapi/v1/fundingInfo` (weight 0, but a 500 per 5 minutes per IP limit shared with
 * `fundingRate`): the symbols whose funding interval, cap or floor was adjusted.
 */
export async function fetchFundingInfo(context: RestContext): Promise<Dropping<FundingIntervals>> {
  return readFundingInfo(await restGet(context, '/fapi/v1/fundingInfo'));
}
