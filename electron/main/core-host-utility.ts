// The core host as an Electron utility process (built to build/electron/core-host.js, forked by core-process.ts):
// the same serveCore as the harness's worker thread (electron/core/host/core-host-worker.ts), over
// process.parentPort. It lives here, not in electron/core, because it imports electron for `net`.
//
// better-sqlite3's native addon loads here as in main: a utility process runs Electron's own Node (same
// NODE_MODULE_VERSION as the main process), so the addon built for Electron (npm run build:sqlite-addon) fits; from a
// packaged app it is read from app.asar.unpacked like main would (electron-builder.yml asarUnpack).
import { net } from 'electron';
import { serveCore } from '../core/host/core-host.js';

const port = process.parentPort;

serveCore({
  send: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', (event) => listener(event.data)),
  // The main process ends this process once it has read `closed` (a process.exit here could drop that message).
  end: () => undefined,
}, {
  // Chromium's network stack from the utility process: main forks it with `session: session.defaultSession`, so the
  // policy proxy (setProxy) and the extra CA check (setCertificateVerifyProc) of network-policy.ts apply to every API
  // request exactly as they did to main's net.fetch.
  fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
});
