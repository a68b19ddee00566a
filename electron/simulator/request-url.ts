/**
 * Parsing of request targets. A raw HTTP request line can carry anything (`http://[bad`,
 * `/ws/%E0%A4`); a parse error inside a request or upgrade listener would crash the whole
 * simulator, so every target is parsed here and failures become `undefined`.
 */

/** The request target as a URL, or undefined when it cannot be parsed. */
export function parseRequestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** `decodeURIComponent` that answers undefined for malformed escapes instead of throwing. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
