/**
 * Failures that do not replace the view: a user action that main refused, a refresh that failed
 * while older positions are still shown, a symbol list that did not load.
 */
import type { AppError } from '../../shared/result';
import { dismissActionError, retryLoad } from '../store/bridge';
import { selectActionError, selectSymbolsError } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';

/** A load error once a view is shown: the table stays, possibly stale, under this banner. */
const selectRefreshError = (state: AppState) => (state.positions === null ? null : state.ui.loadError);

export function ErrorBanner() {
  const action = useAppStore(selectActionError);
  const refresh = useAppStore(selectRefreshError);
  const symbols = useAppStore(selectSymbolsError);
  if (action === null && refresh === null && symbols === null) return null;

  return (
    <div className="banners">
      {action !== null && <Banner error={action} button="Dismiss" onClick={dismissActionError} />}
      {refresh !== null && (
        <Banner error={refresh} prefix="Positions may be out of date." button="Retry" onClick={retryLoad} />
      )}
      {symbols !== null && <Banner error={symbols} prefix="Symbol list unavailable." button="Retry" onClick={retryLoad} />}
    </div>
  );
}

interface BannerProps {
  readonly error: AppError;
  readonly prefix?: string;
  readonly button: string;
  readonly onClick: () => unknown;
}

function Banner({ error, prefix, button, onClick }: BannerProps) {
  return (
    <div className="banner" role="alert">
      <span>{prefix === undefined ? error.message : `${prefix} ${error.message}`}</span>
      <button type="button" onClick={() => void onClick()}>
        {button}
      </button>
    </div>
  );
}
