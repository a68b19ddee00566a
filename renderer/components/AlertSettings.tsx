/**
 * The alert thresholds. Liquidation distance: main raises an alert (banner here, a native
 * notification there) when a position's mark comes within this distance of its liquidation price,
 * in percent of the mark. Account margin ratio: main raises one when the account's margin ratio
 * reaches this percentage (the exchange liquidates at 100 %).
 */
import { useState, type FormEvent } from 'react';
import { setAlertThreshold, setMarginRatioAlert } from '../store/bridge';
import {
  ALERT_THRESHOLD_MAX_PCT,
  ALERT_THRESHOLD_MIN_PCT,
  MARGIN_RATIO_ALERT_MAX_PCT,
  MARGIN_RATIO_ALERT_MIN_PCT,
} from '../../shared/ui-constants';
import { selectMarginRatioAlert, selectThreshold } from '../store/selectors';
import { useAppStore } from '../store/store';
import { Popover } from './Popover';
import { readThreshold } from './threshold-input';

export function AlertSettings() {
  const threshold = useAppStore(selectThreshold);
  const marginRatio = useAppStore(selectMarginRatioAlert);
  return (
    <Popover label="Alert settings" button={`Alerts ${threshold}%`} testId="alert-settings-button">
      {(close) => <ThresholdForm threshold={threshold} marginRatio={marginRatio} onDone={close} />}
    </Popover>
  );
}

interface FormProps {
  threshold: number;
  marginRatio: number;
  onDone: () => void;
}

function ThresholdForm({ threshold, marginRatio, onDone }: FormProps) {
  const [distanceText, setDistanceText] = useState(String(threshold));
  const [ratioText, setRatioText] = useState(String(marginRatio));
  const [errors, setErrors] = useState<{ distance: string | null; ratio: string | null }>({ distance: null, ratio: null });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const distance = readThreshold(distanceText, ALERT_THRESHOLD_MIN_PCT, ALERT_THRESHOLD_MAX_PCT, 'liquidation alert distance');
    const ratio = readThreshold(ratioText, MARGIN_RATIO_ALERT_MIN_PCT, MARGIN_RATIO_ALERT_MAX_PCT, 'margin ratio alert');
    setErrors({ distance: distance.ok ? null : distance.message, ratio: ratio.ok ? null : ratio.message });
    if (!distance.ok || !ratio.ok) return;
    // Only what changed goes to main: each is its own persisted setting.
    const saves: Promise<boolean>[] = [];
    if (distance.value !== threshold) saves.push(setAlertThreshold(distance.value));
    if (ratio.value !== marginRatio) saves.push(setMarginRatioAlert(ratio.value));
    void Promise.all(saves).then((saved) => {
      if (saved.every(Boolean)) onDone();
    });
  };
  return (
    // noValidate: the form says what is wrong in words, next to the field, instead of a browser bubble.
    <form className="threshold-form" onSubmit={submit} noValidate>
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
            value={distanceText}
            aria-label="Alert threshold, percent of the mark price"
            aria-invalid={errors.distance !== null}
            aria-describedby={errors.distance === null ? undefined : 'distance-error'}
            data-testid="alert-threshold-input"
            onChange={(event) => setDistanceText(event.target.value)}
          />
          %
        </span>
        of its liquidation price.
      </label>
      {errors.distance !== null && (
        <p className="field-error" id="distance-error" role="alert" data-testid="alert-threshold-error">
          {errors.distance}
        </p>
      )}
      <p className="popover-title">Account margin ratio alert</p>
      <label>
        Alert when the account’s margin ratio reaches
        <span className="threshold-input">
          <input
            type="number"
            inputMode="decimal"
            min={MARGIN_RATIO_ALERT_MIN_PCT}
            max={MARGIN_RATIO_ALERT_MAX_PCT}
            step={1}
            required
            value={ratioText}
            aria-label="Margin ratio alert, percent (liquidation at 100%)"
            aria-invalid={errors.ratio !== null}
            aria-describedby={errors.ratio === null ? undefined : 'ratio-error'}
            data-testid="margin-ratio-alert-input"
            onChange={(event) => setRatioText(event.target.value)}
          />
          %
        </span>
        (the exchange liquidates at 100%).
      </label>
      {errors.ratio !== null && (
        <p className="field-error" id="ratio-error" role="alert" data-testid="margin-ratio-alert-error">
          {errors.ratio}
        </p>
      )}
      <button type="submit">Save</button>
    </form>
  );
}
