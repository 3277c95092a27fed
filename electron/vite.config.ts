// Builds the Node-side bundles: Electron main (ESM), the sandboxed preload (CommonJS: sandboxed preloads
// cannot be ESM) and the reference server (ESM, for demo mode). One `vite build` runs all three as
// environments of one app build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig, type BuildEnvironmentOptions } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// Native and runtime-provided modules stay outside the bundle; everything else (zod, our code) is inlined.
const external = (id: string): boolean =>
  nodeBuiltins.includes(id) || id.startsWith('node:') || id === 'electron' || id.startsWith('electron/') ||
  id === 'better-sqlite3' || id === 'electron-updater';

function nodeBundle(entry: string, outDir: string, fileName: string, format: 'es' | 'cjs', emptyOutDir = true,
): BuildEnvironmentOptions {
  return {
    outDir: path.join(root, outDir),
    emptyOutDir,
    target: 'node22',
    minify: false,
    sourcemap: true,
    ssr: true,
    rolldownOptions: {
      input: path.join(root, entry),
      external,
      output: { format, entryFileNames: fileName, codeSplitting: false },
    },
  };
}

export default defineConfig({
  root,
  logLevel: 'warn',
  environments: {
    main: { consumer: 'server', build: nodeBundle('electron/main/main.ts', 'build/electron', 'main.js', 'es') },
    preload: {
      consumer: 'server',
      // A sandboxed preload has no require() for npm packages: everything but electron must be inlined.
      resolve: { noExternal: true },
      // Same folder as main.js, built after it, so it must not empty the folder.
      build: nodeBundle('electron/preload/preload.ts', 'build/electron', 'preload.cjs', 'cjs', false),
    },
    server: { consumer: 'server', build: nodeBundle('server/main.ts', 'build/server', 'main.js', 'es') },
    // The routing trainer runs in a worker_threads worker; the core looks for it next to main.js.
    suggestWorker: {
      consumer: 'server',
      build: nodeBundle('electron/core/routing/suggest-worker.ts', 'build/electron', 'suggest-worker.js', 'es', false),
    },
  },
  builder: {
    async buildApp(builder) {
      for (const name of ['main', 'preload', 'server', 'suggestWorker']) {
        const environment = builder.environments[name];
        if (environment === undefined) throw new Error(`missing build environment ${name}`);
        await builder.build(environment);
      }
      // The server finds its reference data at ../resources/targets.json relative to its own file.
      mkdirSync(path.join(root, 'build', 'resources'), { recursive: true });
      copyFileSync(path.join(root, 'resources', 'targets.json'), path.join(root, 'build', 'resources', 'targets.json'));
    },
  },
});
