/**
 * Chromium will not load an unregistered scheme such as `app://` (net::ERR_ABORTED even under
 * request interception: DESIGN §9.5), so each `app://<host>/…` URL is shown at a stand-in origin,
 * `http://<host>.localhost/…` (a secure context, like a `secure` scheme), and mapped back whenever
 * main is told a URL (the frame URL the sender check reads, the request its protocol handler gets).
 */
const STAND_IN_SUFFIX = '.localhost';

/** `app://perpdesk/index.html` → `http://perpdesk.localhost/index.html`; null for any other scheme. */
export function toStandInUrl(appUrl: string, scheme = 'app'): string | null {
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${scheme}:` || url.host === '') return null;
  return `http://${url.host}${STAND_IN_SUFFIX}${url.pathname === '' ? '/' : url.pathname}${url.search}${url.hash}`;
}

/** The reverse: a stand-in origin URL as the app:// URL it stands for; other URLs unchanged. */
export function toAppUrl(pageUrl: string, scheme = 'app'): string {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return pageUrl;
  }
  if (url.protocol !== 'http:' || !url.hostname.endsWith(STAND_IN_SUFFIX) || url.port !== '') return pageUrl;
  const host = url.hostname.slice(0, -STAND_IN_SUFFIX.length);
  return `${scheme}://${host}${url.pathname}${url.search}${url.hash}`;
}

/** True for a URL at a stand-in origin (served by the app's protocol handler). */
export function isStandInUrl(pageUrl: string): boolean {
  return toAppUrl(pageUrl) !== pageUrl;
}
