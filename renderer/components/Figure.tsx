/** A labelled figure in the status bar; "—" until main knows it. */
import { NOT_AVAILABLE } from '../../shared/format';

export function Figure({ label, value }: { label: string; value: string | null }) {
  return (
    <span className="figure">
      <span className="figure-label">{label}</span> <span className="figure-value">{value ?? NOT_AVAILABLE}</span>
    </span>
  );
}
