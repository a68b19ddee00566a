/**
 * How many times each position row has rendered, by row key: the test hook that proves an
 * unchanged row does not re-render. Read-only numbers, no data; exposed on the window always so the
 * production build can be measured as shipped.
 */
const counts: Record<string, number> = Object.create(null) as Record<string, number>;

declare global {
  interface Window {
    readonly __perpdeskRowRenders?: Readonly<Record<string, number>>;
  }
}

if (typeof window !== 'undefined') {
  Object.defineProperty(window, '__perpdeskRowRenders', { value: counts, configurable: false, writable: false });
}

export function countRender(key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
