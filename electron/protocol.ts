/**
 * The `app://` scheme in Electron: registered before the app is ready, then served from the built
 * renderer by serveAppRequest (electron/protocol-files.ts, where every check lives and is tested).
 * Loading the page from here instead of file:// gives it a real origin of its own, so it gets no
 * file:// privileges and the GrantFileProtocolExtraPrivileges fuse can be off.
 */
import { protocol, type Session } from 'electron';
import { APP_SCHEME, serveAppRequest } from './protocol-files';

/**
 * Must run before `app` is ready. `standard` gives the scheme an origin and relative URLs like
 * https; `secure` makes it a secure context. Nothing else: no `corsEnabled` (other origins could
 * then read its files), no `bypassCSP`, no fetch API, no service workers. The page's own module
 * script is same-origin, so it needs no CORS privilege.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves `app://` in `session` from the files under `rendererRoot`. */
export function serveApp(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest(request.method, request.url, rendererRoot);
    // A copy into a plain ArrayBuffer, which is what the Response body type takes.
    const body = answer.body === null ? null : new Uint8Array(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}
