/**
 * The alert threshold: main raises an alert (banner here, a native notification there) when a
 * position's mark comes within this distance of its liquidation price, in percent of the mark.
 */
import { useState, type FormEvent } from 'react';
import { setAlertThreshold } from '../store/bridge';
import { ALERT_THRESHOLD_MAX_PCT, ALERT_THRESHOLD_MIN_PCT } from '../../shared/ui-constants';
import { selectThreshold } from '../store/selectors';
import { useAppStore } from '../store/store';
import { Popover } from './Popover';

export function AlertSettings() {
  const threshold = useAppStore(selectThreshold);
  return (
    <Popover label="Alert settings" button={`Alerts ${threshold}%`} testId="alert-settings-button">
      {(close) => <ThresholdForm threshold={threshold} onDone={close} />}
    </Popover>
  );
}

function ThresholdForm({ threshold, onDone }: { threshold: number; onDone: () => void }) {
  const [value, setValue] = useState(String(threshold));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void setAlertThreshold(Number(value)).then((saved) => {
      if (saved) onDone();
    });
  };
  return (
    <form className="threshold-form" onSubmit={submit}>
      <p className="popover-title">Liquidation alert</p>
      <label>
        Alert when a position is within
        <span className="threshold-input">
          <input
            type="number"
            inputMode="decimal"
            min={ALERT_THRESHOLD_MIN_PCT}
            max={ALERT_THRESHOLD_MAX_PCT}
            step={0.1}
            required
            value={value}
            aria-label="Alert threshold, percent of the mark price"
            data-testid="alert-threshold-input"
            onChange={(event) => setValue(event.target.value)}
          />
          %
        </span>
        of its liquidation price.
      </label>
      <button type="submit">Save</button>
    </form>
  );
}
