/**
 * `node --import ./register.mjs out/main/main.js`: makes `electron` resolve to the stand-in
 * (./electron.mjs) for ES modules (a resolve hook) and for CommonJS `require('electron')` (the
 * Module loader), so the built bundle and its packages (electron-store) all see the same one, and
 * the real `electron` package, which would try to download a binary, is never loaded.
 *
 * The stand-in is not imported here: it schedules `ready` when first evaluated, which must be as
 * part of the app's own module graph (after the main script has run), as under Electron.
 */
import Module, { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);

const load = Module._load;
Module._load = function loadWithStandIn(request, ...rest) {
  if (request !== 'electron') return load.call(this, request, ...rest);
  const standIn = globalThis[Symbol.for('perpdesk.electron-stand-in')];
  if (standIn === undefined) throw new Error("[electron stand-in] require('electron') before the main bundle imported it");
  return standIn;
};
