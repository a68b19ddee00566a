/**
 * Exchange decimals as text on their symbol's grid (tick size for prices, step size for sizes),
 * through `shared/format.ts`. Until the symbol list has loaded the grid is unknown; the value's own
 * decimals then serve as its grid, so it is shown exactly as sent rather than rounded by a guess.
 */
import { formatPrice, formatQuantity } from '../../shared/format';
import type { SymbolInfo } from '../../shared/symbols';

/** A price on the tick grid; "—" where the exchange sent "0" for "not available". */
export function priceText(value: string, info: SymbolInfo | undefined): string {
  return formatPrice(value, info?.tickSize ?? value);
}

/** A position size on the step grid, unsigned (the side column says long or short). */
export function quantityText(value: string, info: SymbolInfo | undefined): string {
  return formatQuantity(value, info?.stepSize ?? value);
}
