/**
 * How IPC payload sizes are measured everywhere (the bounded answers of electron/ipc/payload-bounds.ts,
 * the contract tests, the bench): the UTF-8 bytes of `JSON.stringify(value)`. Structured clone, which
 * Electron actually uses, is of the same order; JSON is what can be measured identically in every
 * process and in tests. (No zod here: the renderer may import this file.)
 */

/**
 * What the answers whose size depends on how much happened (alerts in force, the timeline, a symbol
 * page) are cut to stay under. Not an Electron limit (Electron carries large messages; DESIGN §10 P4):
 * it keeps one answer from growing with a day's events. The positions are not bound by it: one
 * message per version, whatever its size.
 */
export const IPC_PAYLOAD_LIMIT_BYTES = 64 * 1024;

/** UTF-8 length of a string, counted without allocating an encoded copy. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a surrogate pair: one 4-byte code point
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The size of a payload as this project measures it: UTF-8 bytes of its JSON. */
export function payloadBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? 'null');
}
