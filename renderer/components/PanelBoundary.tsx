/**
 * An error boundary around one panel: a value a panel cannot render (a malformed push, a bug) blanks
 * that panel only, never the window. It says so in plain words and offers a way back: "Try again"
 * mounts the panel afresh, which shows it again as soon as the data it chokes on has moved on.
 */
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { reportRendererError } from '../error-report';
import '../styles/panel-boundary.css';

export interface PanelBoundaryProps {
  /** The panel's name as the user knows it, e.g. "Positions" or "Status bar". */
  name: string;
  /** A one-line form for small toolbar controls; the default fills the panel. */
  compact?: boolean;
  children: ReactNode;
}

interface PanelBoundaryState {
  error: Error | null;
  /** Bumped by "Try again": a new key mounts the children afresh, without their broken state. */
  attempt: number;
}

export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<PanelBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // React catches this error itself, so window 'error' never fires for it: report it to main's log
    // here, saying which panel it was (the stack alone names no panel).
    console.error(`The ${this.props.name} panel failed to render`, error, info.componentStack);
    reportRendererError('boundary', error, `${this.props.name} panel`);
  }

  private readonly retry = (): void => {
    this.setState((state) => ({ error: null, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    const { name, compact = false, children } = this.props;
    if (error === null) return <Fragment key={attempt}>{children}</Fragment>;
    if (compact) {
      return (
        <span className="panel-boundary panel-boundary-compact" role="alert" data-testid="panel-failed" data-panel={name}>
          {name} unavailable
          <button type="button" onClick={this.retry} aria-label={`Try showing ${name} again`}>
            Try again
          </button>
        </span>
      );
    }
    return (
      <div className="panel-message panel-error panel-boundary" role="alert" data-testid="panel-failed" data-panel={name}>
        <p className="panel-title">{name} could not be shown</p>
        <p>It received a value it cannot display. The rest of PerpDesk keeps working.</p>
        <p className="panel-boundary-detail">Details: {error.message}</p>
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}
