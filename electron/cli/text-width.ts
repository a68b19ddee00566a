/**
 * How many terminal columns text takes. Symbols may be named in Chinese (`币安人生USDT`, PROTOCOL
 * §13.1), and East Asian wide and fullwidth characters take two columns in a terminal while
 * `String.length` counts one, so a table padded by length drifts out of line. Combining marks take
 * none. The ranges are Unicode's East Asian Width W and F blocks (UAX #11), plus the emoji blocks
 * terminals draw wide.
 */

const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental pictographs
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

function isWide(code: number): boolean {
  return WIDE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/** Terminal columns of `text`: 2 per wide character, 0 per combining mark, 1 otherwise. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || /\p{M}/u.test(char)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

/** Pads `text` to `width` terminal columns, on the right (`left` alignment) or on the left. */
export function padDisplay(text: string, width: number, align: 'left' | 'right'): string {
  const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + padding : padding + text;
}
