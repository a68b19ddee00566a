/**
 * The status line: which environment (DEMO cannot be missed), the link state, and the link's health.
 * It is a polite live region for state changes only; the figures that tick every second are kept
 * out of it (`aria-live="off"`), or a screen reader would read the bar out every second.
 */
import type { ConnectionStatus, Environment } from '../../shared/connection';
import { formatAmount, formatPnl, NOT_AVAILABLE } from '../../shared/format';
import { selectConnection } from '../store/selectors';
import { useAppStore } from '../store/store';
import { Figure } from './Figure';
import { CONNECTION_LABEL, CONNECTION_TONE, ENVIRONMENT_LABEL } from './labels';
import { MessageAge } from './MessageAge';

export function StatusBar() {
  const connection = useAppStore(selectConnection);
  return (
    <div className="status-bar" role="status" aria-atomic="false" data-testid="status-bar">
      {connection !== null && <EnvironmentBadge environment={connection.environment} />}
      <LinkState connection={connection} />
      {connection !== null && <LinkHealth connection={connection} />}
    </div>
  );
}

function EnvironmentBadge({ environment }: { environment: Environment }) {
  if (environment !== 'demo') {
    return <span className={`env-badge env-${environment}`}>{ENVIRONMENT_LABEL[environment]}</span>;
  }
  return (
    // role="img": a plain span may not carry a name, and the label is what the badge means.
    <span
      className="demo-badge"
      role="img"
      aria-label="Demo mode: simulated exchange, not real money"
      data-testid="demo-badge"
    >
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
  return (
    <span className="link-health" aria-live="off">
      <Figure label="Latency" value={latencyMs === null ? null : `${formatAmount(latencyMs, 0)} ms`} />
      <Figure
        label="Weight"
        value={weightUsed === null ? null : `${formatAmount(weightUsed, 0)} / ${weightLimit === null ? NOT_AVAILABLE : formatAmount(weightLimit, 0)}`}
      />
      <Figure label="Clock" value={clockOffsetMs === null ? null : `${formatPnl(clockOffsetMs, 0)} ms`} />
      <MessageAge at={lastMessageAt} />
    </span>
  );
}
