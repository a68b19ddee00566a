/**
 * The browser test bridge's wire format for pushes: what Electron's structured clone would deliver,
 * carried as one JSON string (Playwright then moves a single string instead of encoding the payload
 * object node by node, which cost more per push than the app's own work: bench/PROFILE.md).
 *
 * JSON alone would not be faithful: it drops `undefined` properties, turns NaN/±Infinity into null,
 * -0 into 0, array holes into null, and has no BigInt, Date, Map or Set. Those are tagged here, so
 * `decodeClone(encodeClone(v))` equals `structuredClone(v)` for every value made of them, plain
 * objects and arrays (property-tested against `structuredClone` itself). Anything else structured
 * clone would refuse (functions, symbols) or that this carrier does not model (cycles, typed
 * arrays, boxed primitives, other built-ins) throws here, naming where it was: a payload the test
 * carrier cannot carry faithfully fails loudly instead of arriving different.
 */

/** The key of a tagged node: `{ [TAG]: kind, v: … }`. A payload's own object with this key is escaped. */
const TAG = '\u0001clone';

type Tree = null | boolean | number | string | Tree[] | { [key: string]: Tree };

function tagged(kind: string, v: Tree): Tree {
  return { [TAG]: kind, v };
}

/** A JSON-safe copy of `value` with what JSON cannot say tagged; throws what the carrier cannot carry. */
function toTree(value: unknown, path: string, seen: Set<object>): Tree {
  switch (typeof value) {
    case 'undefined':
      return tagged('u', null);
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (Number.isNaN(value) || !Number.isFinite(value) || Object.is(value, -0)) return tagged('n', String(Object.is(value, -0) ? '-0' : value));
      return value;
    case 'bigint':
      return tagged('b', value.toString());
    case 'function':
    case 'symbol':
      throw new TypeError(`test carrier: ${path} is a ${typeof value}, which structured clone refuses`);
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) throw new TypeError(`test carrier: ${path} refers back to an enclosing value (cycles are not carried)`);
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const items: Tree[] = [];
      let dense = true;
      for (let index = 0; index < object.length; index += 1) {
        if (!(index in object)) dense = false;
        else items[index] = toTree(object[index], `${path}[${index}]`, seen);
      }
      if (dense) return items;
      // Holes stay holes: only the present indices travel, with the length.
      const present: Tree[] = [];
      items.forEach((item, index) => present.push([index, item]));
      return tagged('a', [object.length, present]);
    }
    if (object instanceof Date) return tagged('d', toTree(object.getTime(), `${path}.time`, seen));
    if (object instanceof Map) {
      return tagged('m', [...object].map(([key, item], index) => [toTree(key, `${path}.key#${index}`, seen), toTree(item, `${path}.get#${index}`, seen)]));
    }
    if (object instanceof Set) return tagged('s', [...object].map((item, index) => toTree(item, `${path}.item#${index}`, seen)));
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`test carrier: ${path} is a ${name}, which the test carrier does not model`);
    }
    const entries = Object.keys(object).map((key): [string, Tree] => [key, toTree((object as Record<string, unknown>)[key], `${path}.${key}`, seen)]);
    // Escaped as entries when a key would read as a tag; `__proto__` too, so it stays a plain property.
    if (entries.some(([key]) => key === TAG || key === '__proto__')) return tagged('o', entries);
    return Object.fromEntries(entries);
  } finally {
    seen.delete(object);
  }
}

/** The payload as one JSON string for the page; throws (naming the place) what the carrier cannot carry. */
export function encodeClone(value: unknown): string {
  return JSON.stringify(toTree(value, 'payload', new Set()));
}

/**
 * The page's half: the value `encodeClone` was given, as structured clone would deliver it. Runs in
 * the page (its source is injected by the bridge), so it is self-contained: no imports, no outer names.
 */
export function decodeClone(text: string): unknown {
  const tag = '\u0001clone';
  const special: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0 };
  const put = (target: Record<string, unknown>, key: string, item: unknown): void => {
    Object.defineProperty(target, key, { value: item, writable: true, enumerable: true, configurable: true });
  };
  const revive = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(revive);
    const record = node as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(record, tag)) {
      for (const key of Object.keys(record)) record[key] = revive(record[key]);
      return record;
    }
    const v = record.v as unknown[];
    switch (record[tag]) {
      case 'u':
        return undefined;
      case 'n':
        return special[record.v as string];
      case 'b':
        return BigInt(record.v as string);
      case 'd':
        return new Date(revive(record.v) as number);
      case 'm':
        return new Map(v.map((pair) => [revive((pair as unknown[])[0]), revive((pair as unknown[])[1])] as const));
      case 's':
        return new Set(v.map(revive));
      case 'a': {
        const sparse: unknown[] = new Array(v[0] as number);
        for (const pair of v[1] as unknown[][]) sparse[pair[0] as number] = revive(pair[1]);
        return sparse;
      }
      case 'o': {
        const plain: Record<string, unknown> = {};
        for (const pair of record.v as unknown[][]) put(plain, pair[0] as string, revive(pair[1]));
        return plain;
      }
      default:
        throw new TypeError(`test carrier: unknown tag ${String(record[tag])}`);
    }
  };
  return revive(JSON.parse(text));
}
