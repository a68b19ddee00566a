/** The main area: always one of loading, load error, empty, or the table. Never a blank screen. */
import { selectPanelState } from '../store/selectors';
import { useAppStore } from '../store/store';
import { EmptyState } from './EmptyState';
import { LoadErrorState } from './LoadErrorState';
import { PositionsTable } from './PositionsTable';

export function PositionsPanel() {
  const state = useAppStore(selectPanelState);
  switch (state) {
    case 'loading':
      return (
        <p className="panel-message" role="status" data-testid="loading-state">
          Loading positions…
        </p>
      );
    case 'error':
      return <LoadErrorState />;
    case 'empty':
      return <EmptyState />;
    case 'table':
      return <PositionsTable />;
  }
}
