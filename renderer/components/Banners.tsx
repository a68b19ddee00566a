/**
 * The banner stack under the toolbar: alerts from main (liquidation proximity, margin call, a
 * rejected key, a ban, clock skew), failures that do not replace the view, and confirmations.
 * Alerts are assertive only when critical; the rest are polite, so a screen reader is not flooded.
 */
import { useShallow } from 'zustand/react/shallow';
import type { Alert } from '../../shared/alerts';
import type { AppError } from '../../shared/result';
import {
  dismissActionError,
  dismissAlert,
  dismissNotice,
  retryLoad,
  selectSymbol,
} from '../store/bridge';
import {
  selectActionError,
  selectConnection,
  selectNotice,
  selectSymbolsError,
  selectVisibleAlerts,
} from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import { editActiveProfile } from './profile-slot';

/** A load error once a view is shown: the table stays, possibly stale, under this banner. */
const selectRefreshError = (state: AppState) => (state.positions === null ? null : state.ui.loadError);

const ALERT_TITLE: Record<Alert['kind'], string> = {
  'liquidation-proximity': 'Near liquidation',
  'margin-call': 'Margin call',
  'account-margin-ratio': 'Account margin ratio high',
  liquidation: 'Liquidated',
  adl: 'Auto-deleveraged',
  'auth-failed': 'API key rejected',
  banned: 'Banned by the exchange',
  'clock-skew': 'Clock out of sync',
};

export function Banners() {
  const alerts = useAppStore(useShallow(selectVisibleAlerts));
  const connection = useAppStore(selectConnection);
  const action = useAppStore(selectActionError);
  const refresh = useAppStore(selectRefreshError);
  const symbols = useAppStore(selectSymbolsError);
  const notice = useAppStore(selectNotice);
  // A rejected key or a ban is said even if main's alert for it has not arrived (or was dismissed).
  const linkProblem =
    connection !== null &&
    (connection.state === 'auth-failed' || connection.state === 'banned') &&
    !alerts.some((alert) => alert.kind === connection.state)
      ? connection
      : null;

  if (alerts.length === 0 && linkProblem === null && action === null && refresh === null && symbols === null && notice === null) {
    return null;
  }
  return (
    <div className="banners" data-testid="banners">
      {alerts.map((alert) => (
        <AlertBanner key={alert.id} alert={alert} />
      ))}
      {linkProblem !== null && (
        <div className="banner banner-critical" role="alert" data-testid="link-banner">
          <strong className="banner-title">{linkProblem.state === 'auth-failed' ? 'API key rejected' : 'Banned by the exchange'}</strong>
          <span className="banner-text">
            {linkProblem.state === 'auth-failed'
              ? 'The exchange rejected the API key of this profile: check the key, its permissions and IP whitelist.'
              : 'The exchange banned this IP for too many requests; PerpDesk waits until the ban ends.'}{' '}
            {linkProblem.message}
          </span>
          {linkProblem.state === 'auth-failed' && (
            <button type="button" onClick={editActiveProfile}>
              Edit profile
            </button>
          )}
        </div>
      )}
      {action !== null && <ErrorLine error={action} button="Dismiss" onClick={dismissActionError} />}
      {refresh !== null && <ErrorLine error={refresh} prefix="Positions may be out of date." button="Retry" onClick={retryLoad} />}
      {symbols !== null && <ErrorLine error={symbols} prefix="Symbol list unavailable." button="Retry" onClick={retryLoad} />}
      {notice !== null && (
        <div className="banner banner-info" role="status" data-testid="notice">
          <span className="banner-text">{notice}</span>
          <button type="button" onClick={dismissNotice}>
            OK
          </button>
        </div>
      )}
    </div>
  );
}

function AlertBanner({ alert }: { alert: Alert }) {
  const critical = alert.severity === 'critical';
  return (
    <div
      className={`banner banner-${alert.severity} banner-${alert.kind}`}
      role={critical ? 'alert' : 'status'}
      data-testid="alert-banner"
      data-alert-id={alert.id}
      data-alert-kind={alert.kind}
    >
      <strong className="banner-title">{ALERT_TITLE[alert.kind]}</strong>
      <span className="banner-text">
        {alert.message}
        {alert.kind === 'auth-failed' && ' Check the key, its permissions and IP whitelist in the profile.'}
      </span>
      {alert.kind === 'liquidation-proximity' && alert.symbol !== null && (
        <button type="button" onClick={() => void selectSymbol(alert.symbol)}>
          Show {alert.symbol}
        </button>
      )}
      {alert.kind === 'auth-failed' && (
        <button type="button" onClick={editActiveProfile}>
          Edit profile
        </button>
      )}
      <button type="button" className="banner-dismiss" aria-label={`Dismiss: ${ALERT_TITLE[alert.kind]}`} onClick={() => dismissAlert(alert)}>
        ✕
      </button>
    </div>
  );
}

interface ErrorLineProps {
  readonly error: AppError;
  readonly prefix?: string;
  readonly button: string;
  readonly onClick: () => unknown;
}

function ErrorLine({ error, prefix, button, onClick }: ErrorLineProps) {
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-text">{prefix === undefined ? error.message : `${prefix} ${error.message}`}</span>
      <button type="button" onClick={() => void onClick()}>
        {button}
      </button>
    </div>
  );
}
