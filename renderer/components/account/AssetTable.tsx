/**
 * Multi-Assets: each margin asset's figures in its own currency (never summed across assets here:
 * the account's USD totals above do that, with the exchange's haircuts).
 */
import type { AccountFigures } from '../../../shared/account';
import { formatBalance, formatPnl } from '../../../shared/format';
import { toneOf } from '../table/cells';
import { marginRatioText } from './margin-risk';


export function AssetTable({ assets }: { assets: readonly AccountFigures[] }) {
  if (assets.length === 0) return null;
  return (
    <table className="asset-table" aria-label="Balances per asset" data-testid="account-assets">
      <caption>Per asset, each in its own currency</caption>
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col">Wallet</th>
          <th scope="col">uPnL</th>
          <th scope="col">Margin balance</th>
          <th scope="col">Maint.</th>
          <th scope="col">Initial</th>
          <th scope="col">Available</th>
          <th scope="col">Ratio</th>
        </tr>
      </thead>
      <tbody>
        {assets.map((asset) => (
          <tr key={asset.currency} data-asset={asset.currency}>
            <th scope="row">{asset.currency}</th>
            <td>{formatBalance(asset.walletBalance)}</td>
            <td className={toneOf(asset.unrealizedProfit)}>{formatPnl(asset.unrealizedProfit)}</td>
            <td>{formatBalance(asset.marginBalance)}</td>
            <td>{formatBalance(asset.maintMargin)}</td>
            <td>{formatBalance(asset.initialMargin)}</td>
            <td>{formatBalance(asset.availableBalance)}</td>
            <td>{marginRatioText(asset.marginRatioPct)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
