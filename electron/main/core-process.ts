// Forks the desk core into an Electron utility process (build/electron/core-host.js, see core-host-utility.ts) and
// gives connectCoreHost its transport. The core's SQLite work, search indexing and clustering then never block this
// process, which serves every window and IPC message.
import { session, utilityProcess } from 'electron';
import { createExitTracker, type CoreHostTransport } from '../core/host/core-protocol.js';

export const CORE_SERVICE_NAME = 'Triage Desk core';

export function forkCoreProcess(modulePath: string): CoreHostTransport {
  const child = utilityProcess.fork(modulePath, [], {
    serviceName: CORE_SERVICE_NAME,
    // The default session carries the machine policy's proxy and extra CA (network-policy.ts); without this option
    // the utility process would use the system network context and ignore both.
    session: session.defaultSession,
    // Proxy/server auth challenges (401/407) and client-certificate selection go to this process (the `login` event
    // on `child`, app#select-client-certificate), as they did for main's own net.fetch; nothing answers `login`, so
    // the challenge is cancelled and the request fails, as before.
    respondToAuthRequestsFromMainProcess: true,
    stdio: 'inherit',
  });
  const exit = createExitTracker();
  child.once('exit', (code) => exit.exit(`core process exited with code ${code}`));
  child.on('error', (type, location) => exit.fail(`core process ${type} at ${location}`));
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => exit.onExit(listener),
    async terminate() {
      if (exit.isExited()) return;
      child.kill();
      await exit.exited;
    },
  };
}
