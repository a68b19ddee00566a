/** "Export CSV": main asks where to save and writes the view; the banner says where it went. */
import { useState } from 'react';
import { exportCsv } from '../store/bridge';

export function ExportButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="tool-button"
      aria-busy={busy}
      disabled={busy}
      data-testid="export-csv"
      onClick={() => {
        setBusy(true);
        void exportCsv().finally(() => setBusy(false));
      }}
    >
      Export CSV
    </button>
  );
}
