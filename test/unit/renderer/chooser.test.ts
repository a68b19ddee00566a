import { describe, expect, it } from 'vitest';
import { describeOption } from '../../../renderer/components/symbols/SymbolOptionView';
import { MAX_OTHER_OPTIONS, searchSymbols } from '../../../renderer/components/symbols/symbol-search';
import { updateBadges } from '../../../renderer/store/badges';
import { symbolOptions } from '../../../renderer/store/selectors';
import { positionRow, SYMBOLS, view } from './fake-api';

const groups = symbolOptions(['SOLUSDT', 'ETHUSDT'], new Map(), SYMBOLS, null);
const ids = (query: string) => searchSymbols(groups, query).options.map((option) => `${option.group}:${option.id}`);

describe('symbol search', () => {
  it('lists "All positions", then open symbols, then the rest', () => {
    expect(ids('')).toEqual(['all:', 'open:SOLUSDT', 'open:ETHUSDT', 'others:BTCUSDT']);
  });

  it('matches case-insensitively, exact and prefix matches before the rest', () => {
    const wide = symbolOptions([], new Map(), [
      { ...SYMBOLS[0]!, symbol: 'XETHUSDT' },
      { ...SYMBOLS[0]!, symbol: 'ETHBTC' },
      { ...SYMBOLS[0]!, symbol: 'ETHUSDT' },
    ], null);
    expect(searchSymbols(wide, ' eth ').options.map((option) => option.id)).toEqual(['ETHBTC', 'ETHUSDT', 'XETHUSDT']);
    const exact = searchSymbols(wide, 'ethusdt');
    expect(exact.options[exact.bestIndex]!.id).toBe('ETHUSDT');
  });

  it('finds "All positions" by its name, and says when nothing matches', () => {
    expect(ids('all')).toEqual(['all:']);
    const none = searchSymbols(groups, 'zzz');
    expect(none.options).toEqual([]);
    expect(none.bestIndex).toBe(-1);
  });

  it('lists at most a bounded number of other symbols, and counts the rest', () => {
    const many = Array.from({ length: MAX_OTHER_OPTIONS + 30 }, (_, i) => ({ ...SYMBOLS[0]!, symbol: `S${i}USDT` }));
    const result = searchSymbols(symbolOptions([], new Map(), many, null), '');
    expect(result.options).toHaveLength(MAX_OTHER_OPTIONS + 1);
    expect(result.hiddenCount).toBe(30);
  });

  it('names options with their sides and counts', () => {
    expect(describeOption({ id: '', symbol: null, group: 'all', badge: null })).toBe('All positions');
    expect(describeOption({ id: 'BTCUSDT', symbol: 'BTCUSDT', group: 'open', badge: { long: true, short: true, count: 2 } })).toBe(
      'BTCUSDT, long and short, 2 positions',
    );
  });
});

describe('symbol badges', () => {
  it('says each open symbol’s sides and count, remembered while another symbol is selected', () => {
    const all = view(1, [positionRow('BTCUSDT', 'LONG', '1'), positionRow('BTCUSDT', 'SHORT', '-1'), positionRow('ETHUSDT', 'BOTH', '-2')]);
    const badges = updateBadges(new Map(), all);
    expect(badges.get('BTCUSDT')).toEqual({ long: true, short: true, count: 2 });
    expect(badges.get('ETHUSDT')).toEqual({ long: false, short: true, count: 1 });

    const onlyEth = view(2, [positionRow('ETHUSDT', 'BOTH', '-2')], 'ETHUSDT', { openSymbols: ['BTCUSDT', 'ETHUSDT'] });
    expect(updateBadges(badges, onlyEth)).toBe(badges);

    const btcClosed = view(3, [positionRow('ETHUSDT', 'BOTH', '-2')], 'ETHUSDT', { openSymbols: ['ETHUSDT'] });
    expect([...updateBadges(badges, btcClosed).keys()]).toEqual(['ETHUSDT']);
  });
});
