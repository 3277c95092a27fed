// The harness's core host worker, bundled once per process (as bridge-build.ts bundles the page's bridge): loading the
// core's TypeScript through tsx in every new worker costs over a second of CPU per harness start, a bundle a fraction
// of that. Built from the current sources into a private folder (never a stale app build), with the
// suggestion worker next to it where the core looks for it. If the build fails, the worker runs the sources under tsx.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBuilder } from 'vite';
import type { CoreWorkerLocation } from '../../electron/core/host/core-worker-transport.js';
import { bundled, nodeBundle } from '../../electron/vite.config.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

const FOLDER_PREFIX = 'core-host-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeOrphans(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(/^core-host-(\d+)-/.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) {
      rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

let pending: Promise<CoreWorkerLocation | undefined> | null = null;

/** The bundled worker's location, or undefined (the caller then lets startCoreWorker pick the tsx source). */
export function coreHostWorkerBundle(log: (line: string) => void = () => undefined): Promise<CoreWorkerLocation | undefined> {
  pending ??= build().catch((error: unknown) => {
    log(`harness: core host bundle not built, running the sources under tsx: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  return pending;
}

async function build(): Promise<CoreWorkerLocation> {
  // Inside the project (build/harness, never packaged): the bundle's externals (better-sqlite3) resolve from
  // node_modules. One folder per process, named by its pid and removed at its exit, so parallel test processes never
  // share files; folders of processes that ended without an exit event (killed) are removed here.
  const parent = path.join(projectRoot, 'build', 'harness');
  mkdirSync(parent, { recursive: true });
  removeOrphans(parent);
  const outDir = mkdtempSync(path.join(parent, `${FOLDER_PREFIX}${process.pid}-`));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  const builder = await createBuilder({
    configFile: false, root: projectRoot, logLevel: 'silent',
    environments: {
      host: bundled(nodeBundle('electron/core/host/core-host-worker.ts', outDir, 'core-host-worker.js', 'es', false, true)),
      suggest: bundled(nodeBundle('electron/core/routing/suggest-worker.ts', outDir, 'suggest-worker.js', 'es', false)),
    },
  });
  for (const name of ['host', 'suggest']) {
    const environment = builder.environments[name];
    if (environment === undefined) throw new Error(`missing build environment ${name}`);
    await builder.build(environment);
  }
  return { url: pathToFileURL(path.join(outDir, 'core-host-worker.js')), execArgv: [] };
}
