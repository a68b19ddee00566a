/**
 * The electron stand-in's shared state (test harness, DESIGN §9.5): whether the app is ready, the
 * rule violations seen, and the link to the test host that owns the real Chromium pages (the parent
 * process, over Node's IPC channel). Every other stand-in module imports this one.
 */
import { EventEmitter } from 'node:events';

/** Electron's documented rules broken by the app, in order; the host asks for them at the end. */
export const violations = [];

let ready = false;
let exiting = false;

export function isReady() {
  return ready;
}

export function markReady() {
  ready = true;
}

export function isExiting() {
  return exiting;
}

export function markExiting() {
  exiting = true;
}

/**
 * Records a broken Electron rule and throws, as Electron itself does for most of them: the app's
 * code fails where a real Electron would fail, and the test sees the rule named.
 */
export function ruleBroken(rule) {
  const message = `[electron stand-in] ${rule}`;
  violations.push(message);
  sendToHost({ t: 'violation', message });
  throw new Error(message);
}

/** Throws (and records) unless the app is ready. */
export function requireReady(what) {
  if (!ready) ruleBroken(`${what} can only be used after the app is ready`);
}

/** Throws (and records) once the app is ready. */
export function requireNotReady(what) {
  if (ready) ruleBroken(`${what} must be called before the app is ready`);
}

// --- The link to the host ------------------------------------------------------------------------

const fromHost = new EventEmitter();
const pending = new Map();
let nextRequestId = 1;

/** True when a test host is on the other end of Node's IPC channel. */
export function hasHost() {
  return typeof process.send === 'function' && process.connected;
}

/** Sends one message to the host; dropped once the channel is gone (the app is exiting). */
export function sendToHost(message) {
  if (hasHost()) process.send(message);
}

/** Sends a request and resolves with the host's answer (`{ t: 'answer', id, value | error }`). */
export function askHost(message) {
  if (!hasHost()) return Promise.reject(new Error('[electron stand-in] no test host: windows need one'));
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    process.send({ ...message, id });
  });
}

/** Listens for one kind of message from the host. */
export function onHost(type, listener) {
  fromHost.on(type, listener);
}

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message === null || typeof message !== 'object') return;
    if (message.t === 'answer') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (waiting === undefined) return;
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.value);
      return;
    }
    fromHost.emit(message.t, message);
  });
  // The channel must not keep the process alive on its own: the app loop below does, until app.exit.
  process.channel?.unref();
}

// Electron's main loop runs until app.exit, whatever the app has open: this timer stands in for it.
// Once it is released, whatever still keeps the process alive is the app's own (a leak under test).
const appLoop = setInterval(() => {}, 1 << 30);

/** Ends the stand-in's main loop: from here on only the app's own handles keep the process alive. */
export function releaseAppLoop() {
  clearInterval(appLoop);
}

/** Closes the link: the last thing the stand-in does when the app exits. */
export function disconnectHost() {
  for (const waiting of pending.values()) waiting.reject(new Error('[electron stand-in] the app exited'));
  pending.clear();
  if (hasHost()) process.disconnect();
}
