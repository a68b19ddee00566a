import { describe, expect, it } from 'vitest';
import { readThreshold } from '../../../renderer/components/threshold-input';
import { MARGIN_RATIO_ALERT_MAX_PCT, MARGIN_RATIO_ALERT_MIN_PCT } from '../../../shared/ui-constants';

const read = (text: string) => readThreshold(text, MARGIN_RATIO_ALERT_MIN_PCT, MARGIN_RATIO_ALERT_MAX_PCT, 'margin ratio alert');

describe('alert threshold input', () => {
  it('reads a percentage within the bounds, with a decimal point or comma', () => {
    expect(read('80')).toEqual({ ok: true, value: 80 });
    expect(read(' 72.5 ')).toEqual({ ok: true, value: 72.5 });
    expect(read('72,5')).toEqual({ ok: true, value: 72.5 });
    expect(readThreshold('.5', 0.1, 50, 'liquidation alert distance')).toEqual({ ok: true, value: 0.5 });
    expect(read('80.')).toEqual({ ok: true, value: 80 });
    expect(read(String(MARGIN_RATIO_ALERT_MIN_PCT))).toEqual({ ok: true, value: MARGIN_RATIO_ALERT_MIN_PCT });
    expect(read(String(MARGIN_RATIO_ALERT_MAX_PCT))).toEqual({ ok: true, value: MARGIN_RATIO_ALERT_MAX_PCT });
  });

  it('refuses empty, non-numeric and out-of-range text, naming the range', () => {
    expect(read('')).toEqual({ ok: false, message: 'Enter the margin ratio alert, from 10% to 99%.' });
    expect(read('abc')).toEqual({ ok: false, message: 'The margin ratio alert must be a number from 10% to 99%.' });
    expect(read('1e2')).toMatchObject({ ok: false });
    expect(read('.')).toMatchObject({ ok: false });
    expect(read('8.0.1')).toMatchObject({ ok: false });
    expect(read('-50')).toMatchObject({ ok: false });
    expect(read('100')).toEqual({ ok: false, message: 'The margin ratio alert must be from 10% to 99%.' });
    expect(read('9.99')).toMatchObject({ ok: false });
  });
});
