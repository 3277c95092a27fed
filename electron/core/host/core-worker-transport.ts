// The core host in a Node worker thread (the browser harness, node tests): the transport for connectCoreHost.
// Located like the suggestion worker (routing/suggestion-service.ts): the TypeScript source under tsx in dev and
// tests, a built core-host-worker.js next to this module otherwise.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createExitTracker, type CoreHostTransport } from './core-protocol.js';

export interface CoreWorkerLocation {
  url: URL;
  execArgv: string[];
}

function workerLocation(): CoreWorkerLocation {
  const source = new URL('./core-host-worker.ts', import.meta.url);
  if (import.meta.url.endsWith('.ts') && existsSync(source)) return { url: source, execArgv: ['--import', 'tsx'] };
  return { url: new URL('./core-host-worker.js', import.meta.url), execArgv: [] };
}

/** `location`: a prebuilt bundle of core-host-worker.ts (the harness builds one per process: no tsx per start). */
export function startCoreWorker(location: CoreWorkerLocation = workerLocation()): CoreHostTransport {
  const { url, execArgv } = location;
  const worker = new Worker(url, { execArgv });
  const exit = createExitTracker();
  worker.once('exit', (code) => exit.exit(`worker exited with code ${code}`));
  worker.on('error', (error) => exit.fail(`worker error: ${error.name}: ${error.message}`));
  return {
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => exit.onExit(listener),
    async terminate() {
      if (exit.isExited()) return;
      // After `closed` the thread ends by itself (its port is closed, the SQLite handle too); a hung one is ended.
      const timer = setTimeout(() => void worker.terminate(), 2_000);
      await exit.exited;
      clearTimeout(timer);
    },
  };
}
