/** The first `getState()` failed: say why and offer to try again. */
import { retryLoad } from '../store/bridge';
import { selectLoadError } from '../store/selectors';
import { useAppStore } from '../store/store';

export function LoadErrorState() {
  const error = useAppStore(selectLoadError);
  return (
    <div className="panel-message panel-error" role="alert" data-testid="error-state">
      <p className="panel-title">Could not load positions</p>
      {error !== null && <p>{error.message}</p>}
      <button type="button" onClick={() => void retryLoad()}>
        Retry
      </button>
    </div>
  );
}
