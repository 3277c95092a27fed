// The core host as a Node worker thread (the browser harness, node tests): serveCore over worker_threads' parentPort.
// Electron runs the same serveCore in a utilityProcess instead (electron/main/core-host-utility.ts).
import { parentPort } from 'node:worker_threads';
import { serveCore } from './core-host.js';

const port = parentPort;
if (port === null) throw new Error('core-host-worker runs as a worker thread only');

serveCore({
  send: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', listener),
  // Nothing else holds the thread once the core is closed: closing the port lets it end by itself.
  end: () => port.close(),
});
