import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay } from '../../../electron/cli/text-width';

describe('terminal width of symbol names', () => {
  it('counts East Asian wide characters as two columns, combining marks as none', () => {
    expect(displayWidth('BTCUSDT')).toBe(7);
    expect(displayWidth('币安人生USDT')).toBe(12);
    expect(displayWidth('ＢＴＣ')).toBe(6); // fullwidth forms
    expect(displayWidth('한국')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('')).toBe(0);
  });

  it('pads to a terminal width on either side', () => {
    expect(padDisplay('币安', 6, 'left')).toBe('币安  ');
    expect(padDisplay('币安', 6, 'right')).toBe('  币安');
    expect(padDisplay('BTCUSDT', 3, 'left')).toBe('BTCUSDT');
  });
});
