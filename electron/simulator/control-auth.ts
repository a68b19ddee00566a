/**
 * Who may drive the control endpoint (`POST /__sim`). It can fill, ban (418) everyone on the
 * machine and read every account, so it is not open to any local process or web page: each run
 * has a random token, printed once in the CLI's first JSON line and returned by
 * `startSimulator()`, and every request must carry it as `Authorization: Bearer <token>`.
 * It must also be `Content-Type: application/json`: a browser page cannot send that cross-origin
 * without a CORS preflight, which this server never grants, so a blind POST from a page fails.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A token the caller may choose (tests, the demo worker): URL-safe, long enough to be unguessable. */
export const CONTROL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** A fresh random token: 32 bytes, base64url (43 characters). */
export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Why a control request is refused, as status and message. */
export interface ControlRefusal {
  readonly status: 401 | 415;
  readonly error: string;
}

/**
 * Checks a control request's credentials and media type; undefined when it may run. The token
 * is compared in constant time, on digests so that not even its length leaks.
 */
export function refuseControl(request: IncomingMessage, token: string): ControlRefusal | undefined {
  const header = request.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  if (!timingSafeEqual(digest(presented), digest(token))) {
    return { status: 401, error: 'control token missing or wrong: send Authorization: Bearer <controlToken>' };
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, error: 'control commands must be sent as Content-Type: application/json' };
  return undefined;
}
