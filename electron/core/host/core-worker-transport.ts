// The core host in a Node worker thread (the browser harness, node tests): the transport for connectCoreHost.
// Located like the suggestion worker (routing/suggestion-service.ts): the TypeScript source under tsx in dev and
// tests, a built core-host-worker.js next to this module otherwise.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CoreHostTransport } from './core-protocol.js';

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
  let exited = false;
  let exitListener: ((detail: string) => void) | null = null;
  let lastError: string | null = null;
  const exitedPromise = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      exited = true;
      exitListener?.(lastError ?? `worker exited with code ${code}`);
      resolve();
    });
  });
  worker.on('error', (error) => {
    lastError = `worker error: ${error.name}: ${error.message}`;
  });
  return {
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => {
      exitListener = listener;
    },
    async terminate() {
      if (exited) return;
      // After `closed` the thread ends by itself (its port is closed, the SQLite handle too); a hung one is ended.
      const timer = setTimeout(() => void worker.terminate(), 2_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
