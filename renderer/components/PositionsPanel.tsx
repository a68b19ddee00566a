/**
 * The main area: always one of loading, load error, empty, or the table (with a notice above it
 * when the link is down and the figures are aging). Never a blank screen.
 */
import { selectPanelState } from '../store/selectors';
import { useAppStore } from '../store/store';
import { EmptyState } from './EmptyState';
import { LinkNotice } from './LinkNotice';
import { LoadErrorState } from './LoadErrorState';
import { PositionsTable } from './table/PositionsTable';

export function PositionsPanel() {
  const state = useAppStore(selectPanelState);
  switch (state) {
    case 'loading':
      return (
        <div className="panel-message" role="status" data-testid="loading-state">
          <span className="spinner" aria-hidden="true" />
          <p className="panel-title">Loading positions…</p>
          <p>Connecting to the exchange and reading the account.</p>
        </div>
      );
    case 'error':
      return <LoadErrorState />;
    case 'empty':
      return <EmptyState />;
    case 'table':
      return (
        <div className="panel-column">
          <LinkNotice />
          <PositionsTable />
        </div>
      );
  }
}
