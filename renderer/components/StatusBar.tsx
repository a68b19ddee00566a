/**
 * The status line: which environment (DEMO cannot be missed), which profile, the link state, and the
 * link's health. It is a polite live region for state changes only; the figures that tick every
 * second are kept out of it (`aria-live="off"`), or a screen reader would read the bar out every second.
 */
import type { ConnectionStatus, Environment } from '../../shared/connection';
import { formatAmount, formatPnl, NOT_AVAILABLE } from '../../shared/format';
import { CLOCK_WARNING_MS } from '../store/alerts';
import { selectConnection } from '../store/selectors';
import { useAppStore } from '../store/store';
import { Figure } from './Figure';
import { CONNECTION_LABEL, CONNECTION_TONE, ENVIRONMENT_LABEL } from './labels';
import { MessageAge } from './MessageAge';
import { TimelineButton } from './TimelinePanel';

export function StatusBar() {
  const connection = useAppStore(selectConnection);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <div className="status-main" role="status" aria-atomic="false">
        {connection !== null && <EnvironmentBadge environment={connection.environment} />}
        {connection !== null && connection.profileName !== '' && (
          <span className="profile-name" data-testid="profile-name">
            {connection.profileName}
          </span>
        )}
        <LinkState connection={connection} />
      </div>
      {connection !== null && <LinkHealth connection={connection} />}
      <TimelineButton />
    </footer>
  );
}

function EnvironmentBadge({ environment }: { environment: Environment }) {
  if (environment !== 'demo') {
    return (
      <span className={`env-badge env-${environment}`} data-testid="env-badge">
        {ENVIRONMENT_LABEL[environment].toUpperCase()}
      </span>
    );
  }
  return (
    // role="img": a plain span may not carry a name, and the label is what the badge means.
    <span className="demo-badge" role="img" aria-label="Demo mode: simulated exchange, not real money" data-testid="demo-badge">
      DEMO
    </span>
  );
}

function LinkState({ connection }: { connection: ConnectionStatus | null }) {
  const tone = connection === null ? 'warn' : CONNECTION_TONE[connection.state];
  return (
    <span className="link-state">
      <span className={`status-dot tone-${tone}`} aria-hidden="true" />
      <span data-testid="connection-state" data-state={connection?.state ?? 'unknown'}>
        {connection === null ? 'Starting…' : CONNECTION_LABEL[connection.state]}
      </span>
      {connection !== null && connection.message !== null && <span className="link-message">{connection.message}</span>}
    </span>
  );
}

function LinkHealth({ connection }: { connection: ConnectionStatus }) {
  const { latencyMs, weightUsed, weightLimit, clockOffsetMs, lastMessageAt } = connection;
  const skewed = clockOffsetMs !== null && Math.abs(clockOffsetMs) > CLOCK_WARNING_MS;
  return (
    <span className="link-health" aria-live="off">
      <Figure label="Latency" value={latencyMs === null ? null : `${formatAmount(latencyMs, 0)} ms`} testId="latency" />
      <Figure
        label="Clock"
        value={clockOffsetMs === null ? null : `${formatPnl(clockOffsetMs, 0)} ms`}
        warning={skewed}
        title={skewed ? 'This computer’s clock is more than a second off the exchange’s: signed requests may be rejected.' : undefined}
        testId="clock-offset"
      />
      <Figure
        label="Weight"
        value={weightUsed === null ? null : `${formatAmount(weightUsed, 0)} / ${weightLimit === null ? NOT_AVAILABLE : formatAmount(weightLimit, 0)}`}
        warning={weightUsed !== null && weightLimit !== null && weightLimit > 0 && weightUsed / weightLimit > 0.8}
        testId="weight"
      />
      <MessageAge at={lastMessageAt} />
    </span>
  );
}
