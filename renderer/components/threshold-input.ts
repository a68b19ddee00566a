/** Reading a percentage the user typed into an alert setting: a clear message instead of a silent refusal. */

export type ThresholdInput = { ok: true; value: number } | { ok: false; message: string };

/**
 * The typed text as a percentage within [min, max], or why not. Accepts a decimal comma ("2,5"), as
 * many locales type it; refuses empty text, anything that is not a plain number, and values out of
 * range, naming the range.
 */
export function readThreshold(text: string, min: number, max: number, what: string): ThresholdInput {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: false, message: `Enter the ${what}, from ${min}% to ${max}%.` };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return { ok: false, message: `The ${what} must be a number from ${min}% to ${max}%.` };
  const value = Number(trimmed);
  if (value < min || value > max) return { ok: false, message: `The ${what} must be from ${min}% to ${max}%.` };
  return { ok: true, value };
}
