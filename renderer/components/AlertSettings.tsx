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
      <PercentField
        before="Alert when a position is within"
        after="of its liquidation price."
        min={ALERT_THRESHOLD_MIN_PCT}
        max={ALERT_THRESHOLD_MAX_PCT}
        step={0.1}
        text={distanceText}
        onText={setDistanceText}
        error={errors.distance}
        label="Alert threshold, percent of the mark price"
        id="distance"
        testId="alert-threshold"
      />
      <p className="popover-title">Account margin ratio alert</p>
      <PercentField
        before="Alert when the account’s margin ratio reaches"
        after="(the exchange liquidates at 100%)."
        min={MARGIN_RATIO_ALERT_MIN_PCT}
        max={MARGIN_RATIO_ALERT_MAX_PCT}
        step={1}
        text={ratioText}
        onText={setRatioText}
        error={errors.ratio}
        label="Margin ratio alert, percent (liquidation at 100%)"
        id="ratio"
        testId="margin-ratio-alert"
      />
      <button type="submit">Save</button>
    </form>
  );
}

interface PercentFieldProps {
  /** The sentence around the number: "Alert when … [5] % … of its liquidation price." */
  before: string;
  after: string;
  min: number;
  max: number;
  step: number;
  text: string;
  onText: (text: string) => void;
  /** What is wrong with the text, said next to the field; null when nothing is. */
  error: string | null;
  /** The input's accessible name. */
  label: string;
  /** Prefix of the error's element id. */
  id: string;
  /** Prefix of the test ids: `<testId>-input`, `<testId>-error`. */
  testId: string;
}

/** A percentage threshold in a sentence, with its error in words under it. */
function PercentField({ before, after, min, max, step, text, onText, error, label, id, testId }: PercentFieldProps) {
  const errorId = `${id}-error`;
  return (
    <>
      <label>
        {before}
        <span className="threshold-input">
          <input
            type="number"
            inputMode="decimal"
            min={min}
            max={max}
            step={step}
            required
            value={text}
            aria-label={label}
            aria-invalid={error !== null}
            aria-describedby={error === null ? undefined : errorId}
            data-testid={`${testId}-input`}
            onChange={(event) => onText(event.target.value)}
          />
          %
        </span>
        {after}
      </label>
      {error !== null && (
        <p className="field-error" id={errorId} role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </>
  );
}
