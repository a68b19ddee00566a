/**
 * The account below the positions: the cross margin ratio (the one cross positions are liquidated
 * by) and the whole account's, each with its balances; under Multi-Assets the per-asset figures
 * too. Every figure is main's (shared/account.ts); this panel only chooses and labels them.
 */
import type { AccountView } from '../../../shared/account';
import { NOT_AVAILABLE } from '../../../shared/format';
import { selectAccount, selectConnection, selectDataFlowing, selectMarginRatioAlert } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { useClock } from '../clock';
import { ageText } from '../figures';
import { CONNECTION_LABEL } from '../labels';
import { AccountFiguresBlock } from './AccountFiguresBlock';
import { AssetTable } from './AssetTable';
import '../../styles/account.css';

/** Past this without a move the age turns to the warning colour (marks move the figures every second). */
const QUIET_MS = 10_000;

export function AccountPanel() {
  const account = useAppStore(selectAccount);
  const threshold = useAppStore(selectMarginRatioAlert);
  // Figures that stopped flowing are dimmed, as the rows are: they are the last known, not live.
  const flowing = useAppStore(selectDataFlowing);
  return (
    <section
      className={flowing ? 'account-panel' : 'account-panel stale'}
      aria-label="Account"
      data-testid="account-panel"
      data-state={account === null ? 'waiting' : 'figures'}
      data-stale={flowing ? undefined : 'true'}
    >
      <header className="account-head">
        <h2 className="account-title">Account</h2>
        {account === null ? <WaitingReason /> : <AccountMode account={account} />}
        <span className="toolbar-spacer" />
        {account !== null && <AccountAge updatedAt={account.updatedAt} readAt={account.readAt} />}
      </header>
      {account === null ? <Placeholder /> : <Figures account={account} thresholdPct={threshold} />}
    </section>
  );
}

function AccountMode({ account }: { account: AccountView }) {
  return (
    <span className="account-mode" data-testid="account-mode">
      {account.multiAssets ? `Multi-Assets · totals in ${account.total.currency}, balances per asset below` : `Single-asset · ${account.total.currency}`}
    </span>
  );
}

function Figures({ account, thresholdPct }: { account: AccountView; thresholdPct: number }) {
  return (
    <div className="account-body">
      <AccountFiguresBlock
        title="Cross"
        caption="The figure cross positions are liquidated by (at 100%)"
        figures={account.cross}
        thresholdPct={thresholdPct}
        testId="account-cross"
      />
      <AccountFiguresBlock
        title="Whole account"
        caption={account.multiAssets ? 'Every asset, isolated positions included, in USD' : 'Isolated positions included'}
        figures={account.total}
        thresholdPct={thresholdPct}
        testId="account-total"
      />
      {account.multiAssets && <AssetTable assets={account.assets} />}
    </div>
  );
}

/** Why there are no figures yet, in the link's own words when it is down. */
function WaitingReason() {
  const connection = useAppStore(selectConnection);
  const reason =
    connection === null
      ? 'Starting…'
      : connection.state === 'live' || connection.state === 'degraded'
        ? 'Waiting for the first account read from the exchange'
        : `No account read yet: ${CONNECTION_LABEL[connection.state]}`;
  return (
    <span className="account-mode muted" data-testid="account-waiting">
      {reason}
    </span>
  );
}

const PLACEHOLDER_LABELS = ['Cross margin ratio', 'Margin balance', 'Maint. margin', 'Available', 'Wallet balance', 'Unrealised PnL', 'Initial margin'];

function Placeholder() {
  return (
    <dl className="account-figures account-placeholder">
      {PLACEHOLDER_LABELS.map((label) => (
        <div className="account-item" key={label}>
          <dt>{label}</dt>
          <dd className="muted">{NOT_AVAILABLE}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Updated 1 s ago · read 12 s ago": when the figures last moved, and when the exchange last sent them whole. */
function AccountAge({ updatedAt, readAt }: { updatedAt: number; readAt: number }) {
  const moved = useClock((now) => Math.max(0, now - updatedAt));
  const read = useClock((now) => ageText(Math.max(0, now - readAt)));
  return (
    <span
      className={moved > QUIET_MS ? 'account-age figure-warning' : 'account-age'}
      data-testid="account-age"
      title="Updated: the last change (a mark tick or a balance event). Read: the last full account read from the exchange."
    >
      Updated {ageText(moved)} ago · read {read} ago
    </span>
  );
}
