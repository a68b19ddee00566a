/** A labelled figure in the status bar; "—" until main knows it. */
import { NOT_AVAILABLE } from '../../shared/format';

interface Props {
  readonly label: string;
  readonly value: string | null;
  /** Drawn in the warning colour (e.g. a clock more than a second off). */
  readonly warning?: boolean;
  readonly title?: string | undefined;
  readonly testId?: string;
}

export function Figure({ label, value, warning = false, title, testId }: Props) {
  return (
    <span className={warning ? 'figure figure-warning' : 'figure'} title={title} data-testid={testId}>
      <span className="figure-label">{label}</span> <span className="figure-value">{value ?? NOT_AVAILABLE}</span>
    </span>
  );
}
