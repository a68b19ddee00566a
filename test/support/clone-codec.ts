/**
 * The browser test bridge's wire format for pushes: what Electron's structured clone would deliver,
 * carried as one JSON string (Playwright then moves a single string instead of encoding the payload
 * object node by node, which cost more per push than the app's own work: bench/PROFILE.md).
 *
 * JSON alone would not be faithful: it drops `undefined` properties, turns NaN/±Infinity into null,
 * -0 into 0, array holes into null, and has no BigInt, Date, Map or Set. Those are tagged here, so
 * `decodeClone(encodeClone(v))` equals `structuredClone(v)` for every value made of them, plain
 * objects and arrays (property-tested against `structuredClone` itself), except that an object
 * reached twice arrives as two equal copies where structured clone keeps one. Anything else structured
 * clone would refuse (functions, symbols) or that this carrier does not model (cycles, typed
 * arrays, boxed primitives, other built-ins) throws here, naming where it was: a payload the test
 * carrier cannot carry faithfully fails loudly instead of arriving different.
 */

type Tree = null | boolean | number | string | Tree[] | { [key: string]: Tree };

/**
 * The payload as one JSON string; throws (naming the place) what the carrier cannot carry. Runs in
 * Node for pushes and in the page for invoke arguments (the socket carrier injects its source), so
 * it is self-contained: no imports, no outer names.
 */
export function encodeClone(value: unknown): string {
  // The key of a tagged node, `{ [tag]: kind, v: … }`; a payload's own object with this key is escaped.
  const tag = '\u0001clone';
  const tagged = (kind: string, v: Tree): Tree => ({ [tag]: kind, v });
  const seen = new Set<object>();
  const toTree = (item: unknown, path: string): Tree => {
    switch (typeof item) {
      case 'undefined':
        return tagged('u', null);
      case 'boolean':
      case 'string':
        return item;
      case 'number':
        if (Number.isNaN(item) || !Number.isFinite(item) || Object.is(item, -0)) return tagged('n', Object.is(item, -0) ? '-0' : String(item));
        return item;
      case 'bigint':
        return tagged('b', item.toString());
      case 'function':
      case 'symbol':
        throw new TypeError(`test carrier: ${path} is a ${typeof item}, which structured clone refuses`);
    }
    if (item === null) return null;
    const object = item as object;
    if (seen.has(object)) throw new TypeError(`test carrier: ${path} refers back to an enclosing value (cycles are not carried)`);
    seen.add(object);
    try {
      if (Array.isArray(object)) {
        const items: Tree[] = [];
        let dense = true;
        for (let index = 0; index < object.length; index += 1) {
          if (!(index in object)) dense = false;
          else items[index] = toTree(object[index], `${path}[${index}]`);
        }
        if (dense) return items;
        // Holes stay holes: only the present indices travel, with the length.
        const present: Tree[] = [];
        items.forEach((entry, index) => present.push([index, entry]));
        return tagged('a', [object.length, present]);
      }
      if (object instanceof Date) return tagged('d', toTree(object.getTime(), `${path}.time`));
      if (object instanceof Map) {
        return tagged('m', [...object].map(([key, entry], index) => [toTree(key, `${path}.key#${index}`), toTree(entry, `${path}.get#${index}`)]));
      }
      if (object instanceof Set) return tagged('s', [...object].map((entry, index) => toTree(entry, `${path}.item#${index}`)));
      const prototype: unknown = Object.getPrototypeOf(object);
      if (prototype !== Object.prototype && prototype !== null) {
        const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        throw new TypeError(`test carrier: ${path} is a ${name}, which the test carrier does not model`);
      }
      const entries = Object.keys(object).map((key): [string, Tree] => [key, toTree((object as Record<string, unknown>)[key], `${path}.${key}`)]);
      // Escaped as entries when a key would read as a tag; `__proto__` too, so it stays a plain property.
      if (entries.some(([key]) => key === tag || key === '__proto__')) return tagged('o', entries);
      return Object.fromEntries(entries);
    } finally {
      seen.delete(object);
    }
  };
  return JSON.stringify(toTree(value, 'payload'));
}

/**
 * The value `encodeClone` was given, as structured clone would deliver it. Runs in the page for
 * pushes (its source is injected by the bridge) and in Node for invoke arguments: self-contained.
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
