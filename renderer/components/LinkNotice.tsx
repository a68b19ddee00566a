/**
 * Over the table while the link is not live: the figures below are the last ones received, and
 * how old they are (the rows themselves are dimmed and show their own ages); or, when only requests
 * are paused, why.
 */
import { reconnect } from '../store/bridge';
import { selectConnection, selectView } from '../store/selectors';
import { useAppStore } from '../store/store';
import { useClock } from './clock';
import { ageText } from './figures';
import { CONNECTION_LABEL } from './labels';

export function LinkNotice() {
  const connection = useAppStore(selectConnection);
  const snapshotAt = useAppStore((state) => selectView(state)?.snapshotAt ?? null);
  const since = Math.max(connection?.lastMessageAt ?? 0, snapshotAt ?? 0);
  const age = useClock((now) => (since === 0 ? null : ageText(now - since)));
  if (connection === null || connection.state === 'live') return null;
  // Degraded: requests are paused (a rate limit) but the streams still bring marks and account updates.
  const flowing = connection.state === 'degraded';
  return (
    <div className="link-notice" role="status" data-testid={flowing ? 'degraded-notice' : 'stale-notice'}>
      <span className="status-dot tone-warn" aria-hidden="true" />
      {flowing ? (
        <span>
          <strong>{CONNECTION_LABEL[connection.state]}</strong> — {connection.message ?? 'requests are paused'}
        </span>
      ) : (
        <span>
          <strong>{CONNECTION_LABEL[connection.state]}</strong> — the figures below are the last received
          {age === null ? '' : `, ${age} ago`}, and may be out of date.
        </span>
      )}
      {(connection.state === 'offline' || connection.state === 'degraded') && (
        <button type="button" onClick={() => void reconnect()}>
          Reconnect now
        </button>
      )}
    </div>
  );
}
