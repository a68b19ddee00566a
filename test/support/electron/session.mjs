/**
 * The stand-in's `session` and `protocol`: privileged schemes (before ready, once), per-session
 * protocol handlers (after ready) that answer the host's requests for the page, and the permission
 * and webRequest hooks recorded so the test can see they were installed.
 */
import { onHost, requireNotReady, requireReady, ruleBroken, sendToHost } from './runtime.mjs';

const privileged = new Map();
let privilegedRegistered = false;

class Protocol {
  #handlers = new Map();

  handle(scheme, handler) {
    requireReady(`protocol.handle('${scheme}')`);
    if (this.#handlers.has(scheme)) ruleBroken(`protocol.handle('${scheme}') called twice`);
    this.#handlers.set(scheme, handler);
    sendToHost({ t: 'record', what: 'protocol', scheme, privileges: privileged.get(scheme) ?? null });
  }

  unhandle(scheme) {
    this.#handlers.delete(scheme);
  }

  isProtocolHandled(scheme) {
    return this.#handlers.has(scheme);
  }

  handlerFor(scheme) {
    return this.#handlers.get(scheme);
  }
}

class Session {
  protocol = new Protocol();
  hooks = { permissionRequest: null, permissionCheck: null, devicePermission: null, headersReceived: null };
  webRequest = {
    onHeadersReceived: (filterOrListener, maybeListener) => {
      this.hooks.headersReceived = maybeListener ?? filterOrListener;
      sendToHost({ t: 'record', what: 'webRequest.onHeadersReceived' });
    },
  };

  setPermissionRequestHandler(handler) {
    this.hooks.permissionRequest = handler;
    sendToHost({ t: 'record', what: 'permissionRequestHandler' });
  }

  setPermissionCheckHandler(handler) {
    this.hooks.permissionCheck = handler;
    sendToHost({ t: 'record', what: 'permissionCheckHandler' });
  }

  setDevicePermissionHandler(handler) {
    this.hooks.devicePermission = handler;
    sendToHost({ t: 'record', what: 'devicePermissionHandler' });
  }
}

let defaultSession = null;

export const session = {
  get defaultSession() {
    requireReady('session.defaultSession');
    defaultSession ??= new Session();
    return defaultSession;
  },
  fromPartition() {
    ruleBroken('session.fromPartition is not part of the stand-in: the app uses only the default session');
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    requireNotReady('protocol.registerSchemesAsPrivileged()');
    if (privilegedRegistered) ruleBroken('protocol.registerSchemesAsPrivileged() can be called only once');
    privilegedRegistered = true;
    for (const { scheme, privileges } of schemes) privileged.set(scheme, { ...privileges });
    sendToHost({ t: 'record', what: 'privilegedSchemes', schemes: structuredClone(schemes) });
  },
  handle: (scheme, handler) => session.defaultSession.protocol.handle(scheme, handler),
  unhandle: (scheme) => session.defaultSession.protocol.unhandle(scheme),
  isProtocolHandled: (scheme) => session.defaultSession.protocol.isProtocolHandled(scheme),
};

/**
 * One request for the page, answered by the app's own handler exactly as it responds: status,
 * headers as sent (the CSP among them) and body. A scheme that is not standard has no host, so the
 * stand-in origin (http://<host>.localhost) cannot stand for it: refused like an unknown scheme.
 */
onHost('protocol-request', async (message) => {
  const answer = (value) => sendToHost({ t: 'answer', id: message.id, value });
  const scheme = new URL(message.url).protocol.slice(0, -1);
  const handler = defaultSession?.protocol.handlerFor(scheme);
  if (handler === undefined || privileged.get(scheme)?.standard !== true) {
    answer({ status: 0, headers: {}, body: null, failure: 'net::ERR_UNKNOWN_URL_SCHEME' });
    return;
  }
  try {
    const response = await handler(new Request(message.url, { method: message.method, headers: message.headers }));
    if (!(response instanceof Response)) ruleBroken(`protocol.handle('${scheme}') handler must return a Response`);
    const headers = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const body = response.body === null ? null : Buffer.from(await response.arrayBuffer());
    answer({ status: response.status, headers, body });
  } catch (error) {
    answer({ status: 0, headers: {}, body: null, failure: `net::ERR_FAILED (${String(error)})` });
  }
});

/** Permission asks from the page go through the app's handlers, as Electron's do. */
onHost('permission-request', (message) => {
  const handler = defaultSession?.hooks.permissionRequest;
  if (handler === null || handler === undefined) {
    sendToHost({ t: 'answer', id: message.id, value: true }); // Electron grants by default
    return;
  }
  handler(null, message.permission, (granted) => sendToHost({ t: 'answer', id: message.id, value: granted === true }), {});
});

onHost('query-session', (message) =>
  sendToHost({
    t: 'answer',
    id: message.id,
    value: {
      privileged: Object.fromEntries(privileged),
      hooks: Object.fromEntries(Object.entries(defaultSession?.hooks ?? {}).map(([name, hook]) => [name, typeof hook === 'function'])),
      permissionCheck: defaultSession?.hooks.permissionCheck?.(null, 'media', 'app://perpdesk', {}) ?? null,
    },
  }),
);
