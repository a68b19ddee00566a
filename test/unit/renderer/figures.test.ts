import { describe, expect, it } from 'vitest';
import { ageText, netQuantityText, percentText } from '../../../renderer/components/figures';
import { shortcutFor } from '../../../renderer/components/shortcuts';
import { dataTimeOf } from '../../../renderer/components/table/cells';
import { riskFill, riskLevel } from '../../../renderer/components/table/risk';
import { worstLabel } from '../../../renderer/components/TotalsBar';
import { SYMBOLS } from './fake-api';

describe('figures', () => {
  it('says ages in seconds, minutes, hours', () => {
    expect(ageText(-20)).toBe('0 s');
    expect(ageText(2_400)).toBe('2 s');
    expect(ageText(61_000)).toBe('1 min');
    expect(ageText(7_300_000)).toBe('2 h');
  });

  it('shows percentages with two decimals, "—" when unknown', () => {
    expect(percentText(4.8249)).toBe('4.82%');
    expect(percentText(-0.5)).toBe('−0.50%');
    expect(percentText(null)).toBe('—');
  });

  it('shows a net hedge size on the symbol’s step grid', () => {
    expect(netQuantityText(-0.07000000001, SYMBOLS[0])).toBe('0.070');
    expect(netQuantityText(12, SYMBOLS[2])).toBe('12');
  });

  it('dates a row by its newest mark tick or snapshot', () => {
    expect(dataTimeOf({ markAt: null, snapshotAt: 5 })).toBe(5);
    expect(dataTimeOf({ markAt: 9, snapshotAt: 5 })).toBe(9);
  });
});

describe('risk against the alert threshold', () => {
  it('is red inside the threshold, amber within twice it, green beyond', () => {
    expect(riskLevel(null, 5)).toBe('none');
    expect(riskLevel(-1, 5)).toBe('high');
    expect(riskLevel(5, 5)).toBe('high');
    expect(riskLevel(9.9, 5)).toBe('medium');
    expect(riskLevel(10.1, 5)).toBe('low');
  });

  it('fills the bar more the closer the position is', () => {
    expect(riskFill(0, 5)).toBe(1);
    expect(riskFill(10, 5)).toBe(0.5);
    expect(riskFill(100, 5)).toBe(0.04);
    expect(riskFill(null, 5)).toBe(0);
  });
});

describe('totals and shortcuts', () => {
  it('names the position closest to liquidation', () => {
    expect(worstLabel('BTCUSDT:BOTH')).toBe('BTCUSDT');
    expect(worstLabel('ETHUSDT:SHORT')).toBe('ETHUSDT short');
    expect(worstLabel(null)).toBeNull();
  });

  it('maps "/" and Ctrl+K to the symbol search and Ctrl+P to profiles, but not "/" while typing', () => {
    const key = (k: string, ctrl = false, code = `Key${k.toUpperCase()}`) => ({ key: k, code, ctrlKey: ctrl, metaKey: false, altKey: false });
    expect(shortcutFor(key('/', false, 'Slash'), false)).toBe('focusSymbolSearch');
    expect(shortcutFor(key('/', false, 'Slash'), true)).toBeNull();
    expect(shortcutFor(key('k', true), true)).toBe('focusSymbolSearch');
    expect(shortcutFor(key('P', true), false)).toBe('openProfiles');
    expect(shortcutFor(key('p'), false)).toBeNull();
    expect(shortcutFor({ ...key('k'), metaKey: true }, false)).toBe('focusSymbolSearch');
    expect(shortcutFor({ ...key('k', true), altKey: true }, false)).toBeNull();
  });

  it('works on non-Latin layouts by the key\'s position, and follows the letter on Latin ones', () => {
    const chord = (k: string, code: string) => ({ key: k, code, ctrlKey: true, metaKey: false, altKey: false });
    // Russian ЙЦУКЕН: the K key types "л", the P key types "з".
    expect(shortcutFor(chord('л', 'KeyK'), false)).toBe('focusSymbolSearch');
    expect(shortcutFor(chord('з', 'KeyP'), false)).toBe('openProfiles');
    // Greek: "κ" on KeyK.
    expect(shortcutFor(chord('κ', 'KeyK'), true)).toBe('focusSymbolSearch');
    // Dvorak: the key labelled K sits at QWERTY's V (code "KeyV"); the letter it types wins.
    expect(shortcutFor(chord('k', 'KeyV'), false)).toBe('focusSymbolSearch');
    // And Dvorak's key at QWERTY's K position types "t": not a shortcut.
    expect(shortcutFor(chord('t', 'KeyK'), false)).toBeNull();
    expect(shortcutFor(chord('Dead', 'Quote'), false)).toBeNull();
  });
});
